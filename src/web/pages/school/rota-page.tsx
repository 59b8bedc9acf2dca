import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useErrorText } from '../../api/error-text';
import { useSchoolTerms } from '../../api/queries';
import { type RotaDay, type RotaProblem, type RotaView, useRota, useSaveRota } from '../../api/staff-queries';
import { Clause } from '../../components/clause';
import { PageError, PageSpin } from '../../components/page-state';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { clauseRef, formatDate, formatGrades, generatedName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { RotaHoursCard } from './rota-hours';
import { weekdayLabel } from './staff-labels';

type Draft = Record<number, { chief: string | null; managers: string[] }>;

function draftOf(rota: RotaView): Draft {
  return Object.fromEntries(
    rota.days.map((d) => [
      d.weekday,
      { chief: d.dutyChief?.staffId ?? null, managers: d.managers.map((m) => m.staffId) },
    ]),
  );
}

/** The rota's problems, each with its clause (A 三.1, A 三.6, B 五(三)). */
export function RotaProblems({ problems }: { problems: RotaProblem[] }) {
  const { lang, t } = useI18n();
  if (problems.length === 0) return <Alert type="success" showIcon title={t('rota.noProblems')} />;
  return (
    <Card size="small" title={t('rota.problems')} data-testid="rota-problems">
      <Flex vertical gap={6}>
        {problems.map((p) => (
          <Flex
            key={`${p.code}-${p.weekday ?? ''}-${p.staffId ?? ''}-${p.message.en}`}
            gap={8}
            align="baseline"
          >
            <Tag color={p.severity === 'error' ? 'error' : 'warning'} style={{ flex: 'none' }}>
              {clauseRef(p.clause, lang)}
            </Tag>
            <span>{lang === 'en' ? p.message.en : p.message.zh}</span>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** 值日安排 (F-10): a weekday × (groups, duty chief, managers) grid, its problems and the hours. */
export function RotaPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { schoolId } = useActiveMembership();
  // The current term unless another is chosen (?term=): next term's rota is made before it starts.
  const [params, setParams] = useSearchParams();
  const terms = useSchoolTerms(schoolId).data ?? [];
  const askedTerm = terms.some((x) => x.id === params.get('term')) ? params.get('term') : null;
  const rota = useRota(schoolId, askedTerm);
  const save = useSaveRota(schoolId ?? '');
  const [draft, setDraft] = useState<Draft>({});
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (rota.data) setDraft(draftOf(rota.data));
  }, [rota.data]);

  const changed = useMemo(
    () => (rota.data ? JSON.stringify(draftOf(rota.data)) !== JSON.stringify(draft) : false),
    [rota.data, draft],
  );

  if (rota.isPending) return <PageSpin />;
  if (rota.isError)
    return (
      <Flex vertical gap={16}>
        {askedTerm ? (
          // A term without an approved plan has no rota: say so, and keep the way back.
          <Select
            aria-label={t('grouping.term')}
            value={askedTerm}
            onChange={(id: string) => setParams({ term: id }, { replace: true })}
            options={terms.map((x) => ({
              value: x.id,
              label: <NameText name={x.name} />,
              title: generatedName(x.name, lang),
            }))}
            style={{ minWidth: 200, maxWidth: '100%', alignSelf: 'flex-start' }}
            popupMatchSelectWidth={false}
            data-testid="rota-term"
          />
        ) : null}
        <PageError error={rota.error} onRetry={() => rota.refetch()} />
      </Flex>
    );
  const data = rota.data;
  const names = new Map(data.staff.map((s) => [s.staffId, s.name]));
  const options = (weekday: number, selected: string[]) => {
    const assignable = data.staff.filter((s) => s.assignableWeekdays.includes(weekday));
    // Someone already on the day who no longer may be stays visible, so the problem can be seen and fixed.
    const stale = selected.filter((id) => !assignable.some((s) => s.staffId === id));
    return [
      // The name is the school's typing (user text); search goes by the name and the kind.
      ...assignable.map((s) => ({
        value: s.staffId,
        search: `${s.name} ${t(`staffPage.kind.${s.kind}`)}`,
        title: `${s.name} · ${t(`staffPage.kind.${s.kind}`)}`,
        label: (
          <>
            <UserText>{s.name}</UserText> · {t(`staffPage.kind.${s.kind}`)}
          </>
        ),
      })),
      ...stale.map((id) => ({
        value: id,
        search: names.get(id) ?? id,
        title: names.get(id) ?? id,
        label: <UserText>{names.get(id) ?? id}</UserText>,
        disabled: true,
      })),
    ];
  };
  const setDay = (weekday: number, change: Partial<Draft[number]>) =>
    setDraft((d) => ({ ...d, [weekday]: { chief: null, managers: [], ...d[weekday], ...change } }));

  const onSave = () => {
    setFailure(null);
    save.mutate(
      {
        termId: data.term.termId,
        body: {
          days: data.days.map((d) => ({
            weekday: d.weekday,
            dutyChiefStaffId: draft[d.weekday]?.chief ?? null,
            managerStaffIds: draft[d.weekday]?.managers ?? [],
          })),
        },
      },
      {
        onSuccess: () => message.success(t('rota.saved')),
        onError: (error) => setFailure(errorText(error)),
      },
    );
  };

  const columns: TableColumnsType<RotaDay> = [
    {
      title: t('rota.col.weekday'),
      key: 'weekday',
      width: 150,
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{weekdayLabel(t, d.weekday)}</Typography.Text>
          {d.start ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rota.span', { start: d.start, end: d.end.other })}
              <br />
              {t('rota.spanSummer', { end: d.end.summer })}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rota.children', { count: d.enrolled })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('rota.col.groups'),
      key: 'groups',
      render: (_, d) =>
        d.groups.length === 0 ? (
          <Typography.Text type="secondary">{t('rota.noGroups')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {d.groups.map((g) => (
              <Flex key={g.groupId} gap={6} wrap align="center">
                <Typography.Text>
                  <NameText name={g.name} />
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatGrades(g.grades, lang)}
                  {g.venueName ? (
                    <>
                      {' · '}
                      <UserText>{g.venueName}</UserText>
                    </>
                  ) : null}{' '}
                  · {t('rota.children', { count: g.enrolled })}
                </Typography.Text>
                {g.teacher ? (
                  <Tag color="blue">
                    <UserText>{g.teacher.name}</UserText>
                  </Tag>
                ) : (
                  <Tag color="error">{t('rota.noTeacher')}</Tag>
                )}
              </Flex>
            ))}
          </Flex>
        ),
    },
    {
      title: t('rota.col.dutyChief'),
      key: 'chief',
      width: 200,
      render: (_, d) =>
        data.editable ? (
          <Select
            style={{ width: 180 }}
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('rota.pickChief')}
            aria-label={`${weekdayLabel(t, d.weekday)} ${t('rota.col.dutyChief')}`}
            data-testid={`chief-${d.weekday}`}
            value={draft[d.weekday]?.chief ?? undefined}
            options={options(d.weekday, draft[d.weekday]?.chief ? [draft[d.weekday]?.chief as string] : [])}
            onChange={(value?: string) => setDay(d.weekday, { chief: value ?? null })}
          />
        ) : d.dutyChief ? (
          <Tag color="gold">
            <UserText>{d.dutyChief.name}</UserText>
          </Tag>
        ) : (
          <Tag color="error">{t('rota.week.chiefMissing')}</Tag>
        ),
    },
    {
      title: (
        <Space size={4} wrap>
          {t('rota.col.managers')}
          <Clause>B 五(三)</Clause>
        </Space>
      ),
      key: 'managers',
      width: 260,
      render: (_, d) => (
        <Flex vertical gap={4}>
          {data.editable ? (
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'search' }}
              style={{ width: 240 }}
              placeholder={t('rota.pickManagers')}
              aria-label={`${weekdayLabel(t, d.weekday)} ${t('rota.col.managers')}`}
              value={draft[d.weekday]?.managers ?? []}
              options={options(d.weekday, draft[d.weekday]?.managers ?? [])}
              onChange={(value: string[]) => setDay(d.weekday, { managers: value })}
            />
          ) : (
            <Flex gap={4} wrap>
              {d.managers.map((m) => (
                <Tag key={m.staffId}>
                  <UserText>{m.name}</UserText>
                </Tag>
              ))}
            </Flex>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rota.managersQuota', { count: d.managersRequired })}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('rota.title')}
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('grouping.term')}
            value={data.term.termId}
            onChange={(id: string) => setParams({ term: id }, { replace: true })}
            options={(terms.some((x) => x.id === data.term.termId)
              ? terms
              : [{ id: data.term.termId, name: data.term.name }, ...terms]
            ).map((x) => ({
              value: x.id,
              label: <NameText name={x.name} />,
              title: generatedName(x.name, lang),
            }))}
            style={{ minWidth: 200, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            data-testid="rota-term"
          />
          {data.editable ? (
            <Space wrap>
              <Button
                icon={<UndoOutlined />}
                disabled={!changed || save.isPending}
                onClick={() => setDraft(draftOf(data))}
              >
                {t('rota.reset')}
              </Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={!changed}
                loading={save.isPending}
                onClick={onSave}
                data-testid="rota-save"
              >
                {t('rota.save')}
              </Button>
            </Space>
          ) : null}
        </Space>
      </Flex>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{t('rota.intro')}</Typography.Text>
        <Typography.Text>
          <MessageWithUserText
            text={t('rota.term', {
              term: '{term}',
              from: formatDate(data.period.from, lang),
              to: formatDate(data.period.to, lang),
            })}
            nodes={{ term: <NameText name={data.term.name} /> }}
          />
        </Typography.Text>
        <Space size={12} wrap>
          <Clause>{`A 三.6 ${t('role.duty_chief')}`}</Clause>
          <Clause>{`A 三.1 ${t('plan.f.letter')}`}</Clause>
        </Space>
        {data.editable ? (
          <Typography.Text type="secondary">{t('rota.onlyAssignable')}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('rota.readOnly')}</Typography.Text>
        )}
      </Flex>
      {failure ? (
        <Alert type="error" showIcon title={failure} closable onClose={() => setFailure(null)} />
      ) : null}
      <RotaProblems problems={data.problems} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {data.days.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table<RotaDay>
            rowKey="weekday"
            columns={columns}
            dataSource={data.days}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="rota-grid"
          />
        )}
      </Card>
      <RotaHoursCard rota={data} />
    </Flex>
  );
}
