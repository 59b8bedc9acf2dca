import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Flex, Skeleton, Tag, theme } from 'antd';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useServiceToday } from '../../api/clock-queries';
import { useDayView } from '../../api/day-queries';
import { useErrorText } from '../../api/error-text';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { NameText, UserText } from '../../components/user-text';
import { formatDate, formatTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import {
  ChildRow,
  ChildrenByGroup,
  CloseControl,
  CountTiles,
  CustodyList,
  EndCustodyControl,
  HandoverList,
  UnaccountedList,
} from './day-parts';

/**
 * F-16 on the duty chief's phone (A 三.6 值日总护导): the day's figures; at the end time first the move of
 * every child still in school to extended custody in one action (C 延时托管); the children nobody knows
 * the state of (red, with the reason and the teacher to call); the close button — disabled
 * with the reason while a child is unaccounted for; children in custody do not hold it up, and after
 * the close they are listed still, released at the gate as their guardians come —; the children in
 * custody with whom, those in school to be released and those awaiting the roll call (neutral: known,
 * nobody needs to act yet);
 * then every group with its children, the handovers and the visitors inside.
 */
export function DutyDayPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const [params] = useSearchParams();
  const today = useServiceToday();
  const date = params.get('date') ?? today;
  const day = useDayView(schoolId, date);
  const describe = useErrorText();
  const { token } = theme.useToken();

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;
  // The children known and not yet at the end of their day, by where they stand.
  const children = day.data?.children ?? [];
  const inCustody = children.filter((c) => c.standing === 'in_custody');
  const inSchool = children.filter((c) => c.standing === 'in_school');
  const awaiting = children.filter((c) => c.standing === 'awaiting_roll_call');
  const notServed = day.error instanceof ApiError && day.error.code === 'NOT_A_SERVICE_DAY';

  return (
    <Flex vertical gap={12} data-testid="duty-day">
      <Flex justify="space-between" align="center" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Heading>{t('daily.close.title')}</Heading>
          {date ? <Muted>{formatDate(date, lang, { weekday: true })}</Muted> : null}
        </div>
        <Button
          icon={<ReloadOutlined />}
          aria-label={t('daily.close.refresh')}
          loading={day.isFetching}
          onClick={() => void day.refetch()}
        />
      </Flex>

      {notServed ? (
        <Alert
          type="info"
          showIcon
          title={t('daily.close.notServiceDay')}
          description={describe(day.error)}
        />
      ) : day.isError ? (
        <PageError error={day.error} onRetry={() => void day.refetch()} />
      ) : !day.data ? (
        <Skeleton active />
      ) : (
        <>
          <CountTiles counts={day.data.counts} />

          {day.data.endCustody.offered ? (
            <Panel style={{ borderColor: token.colorWarningBorder }}>
              <EndCustodyControl schoolId={schoolId} view={day.data} />
            </Panel>
          ) : null}

          {day.data.unaccounted.length > 0 ? (
            <Panel
              title={
                <span style={{ color: token.colorError }}>
                  {t('daily.close.unaccountedTitle', { count: day.data.unaccounted.length })}
                </span>
              }
              style={{ borderColor: token.colorErrorBorder }}
              data-testid="unaccounted"
            >
              <Muted style={{ fontSize: 14 }}>{t('daily.close.unaccountedHint')}</Muted>
              <UnaccountedList items={day.data.unaccounted} />
            </Panel>
          ) : null}

          <Panel>
            <CloseControl schoolId={schoolId} view={day.data} />
          </Panel>

          {inCustody.length > 0 ? (
            <Panel
              title={t('daily.close.custodyTitle', { count: inCustody.length })}
              data-testid="in-custody"
            >
              <Muted style={{ fontSize: 14 }}>
                {t(day.data.closure ? 'daily.close.custodyHintClosed' : 'daily.close.custodyHint')}
              </Muted>
              <CustodyList items={inCustody} />
            </Panel>
          ) : null}

          {inSchool.length > 0 ? (
            <Panel title={t('daily.close.inSchoolTitle', { count: inSchool.length })} data-testid="in-school">
              <Muted style={{ fontSize: 14 }}>
                {t('daily.close.inSchoolHint')}
                {day.data.closure ? null : (
                  <> {t('daily.close.endCustody.later', { time: day.data.endTime })}</>
                )}
              </Muted>
              <ChildrenByGroup items={inSchool} groups={day.data.groups} testId="in-school-list" />
            </Panel>
          ) : null}

          {awaiting.length > 0 ? (
            <Panel title={t('daily.close.awaitingTitle', { count: awaiting.length })} data-testid="awaiting">
              <Muted style={{ fontSize: 14 }}>
                {t('daily.close.awaitingHint', { time: formatTime(day.data.rollCallDue) })}
              </Muted>
              <ChildrenByGroup items={awaiting} groups={day.data.groups} testId="awaiting-list" />
            </Panel>
          ) : null}

          <Panel title={t('daily.close.groups')}>
            <Collapse
              ghost
              size="small"
              items={day.data.groups.map((g) => {
                const children = day.data.children.filter((c) => c.groupId === g.groupId);
                const problems = g.counts.unaccounted;
                return {
                  key: g.groupId ?? 'none',
                  label: (
                    <Flex vertical gap={2} data-testid="day-group">
                      <Flex justify="space-between" gap={8} wrap>
                        <strong>{g.name ? <NameText name={g.name} /> : t('daily.close.noGroup')}</strong>
                        {problems > 0 ? (
                          <Tag color="red" style={{ marginInlineEnd: 0 }}>
                            {t('daily.close.groupProblems', { count: problems })}
                          </Tag>
                        ) : null}
                      </Flex>
                      <Muted style={{ fontSize: 14 }}>
                        {g.teacherName ? <UserText>{g.teacherName}</UserText> : t('daily.close.noTeacher')} ·{' '}
                        {t('daily.close.groupLine', {
                          attended: g.counts.attended,
                          enrolled: g.counts.enrolled,
                          released: g.counts.released,
                          inCare: g.counts.inCare,
                        })}
                      </Muted>
                    </Flex>
                  ),
                  children: (
                    <ul style={{ margin: 0, padding: 0 }}>
                      {children.map((c) => (
                        <ChildRow key={c.studentId} child={c} />
                      ))}
                    </ul>
                  ),
                };
              })}
            />
          </Panel>

          <Panel title={t('daily.close.handovers')}>
            <HandoverList items={day.data.handovers} />
          </Panel>

          <Panel title={t('daily.close.visitorsInside', { count: day.data.visitorsInside.length })}>
            {day.data.visitorsInside.length === 0 ? (
              <Muted>{t('daily.close.noVisitorsInside')}</Muted>
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {day.data.visitorsInside.map((v) => (
                  <li key={v.visitId}>
                    {v.visitorName} ·{' '}
                    {t('daily.close.visitors.visiting', { purpose: v.purpose, host: v.host })}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
    </Flex>
  );
}
