import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, InputNumber, Segmented, Select, Skeleton, theme } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useServiceToday } from '../../api/clock-queries';
import {
  type HandoverDay,
  type HandoverStage,
  newIdempotencyKey,
  useHandoverDay,
  useRecordHandover,
} from '../../api/day-queries';
import { useErrorText } from '../../api/error-text';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { MessageWithUserText, NameText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { HandoverList } from './day-parts';

const WHOLE = 'whole';

function expectedFor(day: HandoverDay, groupKey: string, stage: HandoverStage): number | null {
  if (groupKey === WHOLE) return day.wholeSchool ? day.wholeSchool[stage] : null;
  const group = day.groups.find((g) => g.groupId === groupKey);
  return group ? group.expected[stage] : null;
}

// Who hands over to whom, as the server proposes it from the grouping and the rota (issue 14.12).
function partiesFor(day: HandoverDay, groupKey: string, stage: HandoverStage) {
  const parties =
    groupKey === WHOLE ? day.wholeSchoolParties : day.groups.find((g) => g.groupId === groupKey)?.parties;
  return parties ? parties[stage] : { from: null, to: null };
}

function Label({ children, htmlFor }: { children: string; htmlFor?: string }) {
  return (
    <label htmlFor={htmlFor} style={{ fontWeight: 500 }}>
      {children}
    </label>
  );
}

/**
 * F-15 交接班 (B 六(三)) on a phone: the care teacher (their own groups) or the duty chief (any group,
 * or the whole school) picks the stage and the group, sees the head-count the server expects, counts
 * with a stepper and writes the discrepancy when the counts differ; today's handovers below.
 */
export function HandoverPage() {
  const { lang, t } = useI18n();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const describe = useErrorText();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const date = useServiceToday();
  const day = useHandoverDay(schoolId, date);
  const record = useRecordHandover(schoolId ?? '', date ?? '');

  const [stage, setStage] = useState<HandoverStage>('start');
  const [groupKey, setGroupKey] = useState<string | null>(null);
  const [counted, setCounted] = useState<number | null>(null);
  const [fromName, setFromName] = useState('');
  const [toName, setToName] = useState('');
  const [discrepancies, setDiscrepancies] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per handover being entered: a retry after a lost answer is stored once.
  const key = useRef<string | null>(null);

  const data = day.data;
  const firstGroup = data?.groups[0]?.groupId ?? (data?.wholeSchool ? WHOLE : null);
  const chosen = groupKey ?? firstGroup;
  const expected = data && chosen ? expectedFor(data, chosen, stage) : null;

  // The count starts at the expected one; a new stage or group starts again.
  useEffect(() => {
    setCounted(expected);
  }, [expected]);

  // The names start at the rota's people for this handover (the group's teacher, the day's duty
  // chief), whoever is signed in; a new stage or group starts again.
  const parties = data && chosen ? partiesFor(data, chosen, stage) : null;
  const proposedFrom = parties?.from ?? '';
  const proposedTo = parties?.to ?? '';
  useEffect(() => {
    setFromName(proposedFrom);
    setToName(proposedTo);
  }, [proposedFrom, proposedTo]);

  const changeStage = (next: HandoverStage) => {
    setStage(next);
    key.current = null;
  };

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;
  const notServed = day.error instanceof ApiError && day.error.code === 'NOT_A_SERVICE_DAY';
  const differs = counted !== null && expected !== null && counted !== expected;
  const needNote = differs && discrepancies.trim() === '';

  const submit = () => {
    setTried(true);
    setFailure(null);
    if (!data || !chosen || counted === null || !fromName.trim() || !toName.trim() || needNote) return;
    key.current ??= newIdempotencyKey();
    record.mutate(
      {
        key: key.current,
        body: {
          stage,
          groupId: chosen === WHOLE ? null : chosen,
          fromName: fromName.trim(),
          toName: toName.trim(),
          countedCount: counted,
          discrepancies: differs ? discrepancies.trim() : null,
        },
      },
      {
        onSuccess: () => {
          key.current = null;
          setTried(false);
          setDiscrepancies('');
          setCounted(expected);
          void message.success(t('daily.close.handover.saved'));
          void day.refetch();
        },
        onError: (error) => {
          // The expected count moved meanwhile (a mark, a release): the new one is shown, enter again.
          key.current = null;
          setFailure(describe(error));
          void day.refetch();
        },
      },
    );
  };

  const groupOptions = data
    ? [
        ...data.groups.map((g) => ({
          value: g.groupId,
          // The group's name in the UI language, the teacher's as typed (issue 14.13).
          label: g.teacherName ? (
            <MessageWithUserText
              text={t('person.nameAndGroup', { name: '{group}', group: '{teacher}' })}
              nodes={{ group: <NameText name={g.name} /> }}
              user={{ teacher: g.teacherName }}
            />
          ) : (
            <NameText name={g.name} />
          ),
        })),
        ...(data.wholeSchool ? [{ value: WHOLE, label: t('daily.close.handover.wholeSchool') }] : []),
      ]
    : [];

  return (
    <Flex vertical gap={12} data-testid="handover-page">
      <div>
        <Heading>{t('daily.close.handover.title')}</Heading>
        {date ? <Muted>{formatDate(date, lang, { weekday: true })}</Muted> : null}
      </div>

      {notServed ? (
        <Alert
          type="info"
          showIcon
          title={t('daily.close.notServiceDay')}
          description={describe(day.error)}
        />
      ) : day.isError ? (
        <PageError error={day.error} onRetry={() => void day.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : data.closed ? (
        <Alert type="info" showIcon title={t('daily.close.handover.dayClosed')} />
      ) : groupOptions.length === 0 ? (
        <Alert type="info" showIcon title={t('daily.close.handover.noGroups')} />
      ) : (
        <Panel>
          <Flex vertical gap={12}>
            <Flex vertical gap={4}>
              <Segmented
                block
                aria-label={t('daily.close.handover.stage')}
                value={stage}
                onChange={(v) => changeStage(v as HandoverStage)}
                options={(['start', 'end'] as const).map((s) => ({
                  value: s,
                  label: t(`daily.close.handover.stage.${s}`),
                }))}
                data-testid="handover-stage"
              />
              <Muted style={{ fontSize: 14 }}>{t(`daily.close.handover.stageHint.${stage}`)}</Muted>
            </Flex>

            <Flex vertical gap={4}>
              <Label htmlFor="handover-group">{t('daily.close.handover.group')}</Label>
              <Select
                id="handover-group"
                value={chosen}
                options={groupOptions}
                onChange={(v) => {
                  setGroupKey(v);
                  key.current = null;
                }}
                data-testid="handover-group"
              />
            </Flex>

            <Flex
              justify="space-between"
              align="center"
              gap={8}
              style={{ background: token.colorFillQuaternary, borderRadius: token.borderRadius, padding: 12 }}
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <strong>{t('daily.close.handover.expected')}</strong>
                <Muted style={{ fontSize: 13 }}>{t(`daily.close.handover.expectedHint.${stage}`)}</Muted>
              </Flex>
              <span style={{ fontSize: 32, fontWeight: 600 }} data-testid="handover-expected">
                {expected ?? '–'}
              </span>
            </Flex>

            <Flex vertical gap={4}>
              <Label htmlFor="handover-counted">{t('daily.close.handover.counted')}</Label>
              <Flex gap={8} align="center">
                <Button
                  icon={<MinusOutlined />}
                  aria-label={t('daily.close.handover.decrease')}
                  style={{ width: 56, flex: 'none' }}
                  disabled={counted === null || counted <= 0}
                  onClick={() => setCounted((c) => Math.max(0, (c ?? 0) - 1))}
                  data-testid="handover-minus"
                />
                <InputNumber
                  id="handover-counted"
                  min={0}
                  max={5000}
                  precision={0}
                  inputMode="numeric"
                  controls={false}
                  value={counted}
                  onChange={(v) => setCounted(typeof v === 'number' ? v : null)}
                  style={{ flex: 1, textAlign: 'center', fontSize: 20 }}
                  status={differs ? 'warning' : undefined}
                  data-testid="handover-counted"
                />
                <Button
                  icon={<PlusOutlined />}
                  aria-label={t('daily.close.handover.increase')}
                  style={{ width: 56, flex: 'none' }}
                  onClick={() => setCounted((c) => (c ?? 0) + 1)}
                  data-testid="handover-plus"
                />
              </Flex>
            </Flex>

            {differs ? (
              <Flex vertical gap={4}>
                <Label htmlFor="handover-discrepancies">{t('daily.close.handover.discrepancies')}</Label>
                <Alert type="warning" showIcon title={t('daily.close.handover.discrepancyRequired')} />
                <Input.TextArea
                  id="handover-discrepancies"
                  maxLength={500}
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  placeholder={t('daily.close.handover.discrepancyPlaceholder')}
                  value={discrepancies}
                  status={tried && needNote ? 'error' : undefined}
                  onChange={(e) => setDiscrepancies(e.target.value)}
                  data-testid="handover-discrepancies"
                />
              </Flex>
            ) : null}

            <Flex vertical gap={4}>
              <Label htmlFor="handover-from">{t('daily.close.handover.from')}</Label>
              <Input
                id="handover-from"
                maxLength={40}
                value={fromName}
                placeholder={
                  stage === 'start'
                    ? t('daily.close.handover.fromPlaceholder.start')
                    : t('today.handover.fromPlaceholder.end')
                }
                status={tried && !fromName.trim() ? 'error' : undefined}
                onChange={(e) => setFromName(e.target.value)}
                data-testid="handover-from"
              />
            </Flex>
            <Flex vertical gap={4}>
              <Label htmlFor="handover-to">{t('daily.close.handover.to')}</Label>
              <Input
                id="handover-to"
                maxLength={40}
                value={toName}
                status={tried && !toName.trim() ? 'error' : undefined}
                onChange={(e) => setToName(e.target.value)}
                data-testid="handover-to"
              />
            </Flex>
            {tried && (!fromName.trim() || !toName.trim()) ? (
              <Muted style={{ color: token.colorError }}>{t('daily.close.handover.required')}</Muted>
            ) : null}
            {failure ? <Alert type="error" showIcon title={failure} /> : null}

            <Button
              block
              type="primary"
              loading={record.isPending}
              onClick={submit}
              data-testid="handover-save"
            >
              {t('daily.close.handover.save')}
            </Button>
          </Flex>
        </Panel>
      )}

      {data ? (
        <Panel title={t('daily.close.handover.today')}>
          <HandoverList items={data.handovers} />
        </Panel>
      ) : null}
    </Flex>
  );
}
