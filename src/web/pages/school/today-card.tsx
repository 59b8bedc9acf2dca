import { Alert, Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type SchoolToday, useSchoolToday } from '../../api/home-queries';
import { PageError } from '../../components/page-state';
import { UserText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

type Counts = Extract<SchoolToday['day'], { served: true }>['attendance'];
const COUNT_KEYS = [
  'expected',
  'attended',
  'late',
  'absent',
  'onLeave',
  'unmarked',
] as const satisfies readonly (keyof Counts)[];

/**
 * Today at a glance on the school admin's home (issue 14.9): the day's attendance from the roll calls
 * (实到 includes the late), the absences nobody has followed up, the children in extended custody, the
 * applications to decide, the responsibility letters running out and the plan's findings — each
 * linking to the page that acts on it. On a day without service it says so, with the reason.
 */
export function TodayCard({ schoolId }: { schoolId: string }) {
  const { lang, t } = useI18n();
  const { token } = theme.useToken();
  const query = useSchoolToday(schoolId);

  if (query.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  if (query.isError) return <PageError error={query.error} onRetry={() => query.refetch()} />;

  const today = query.data;
  const day = today.day;
  const danger = token.colorError;
  const warn = token.colorWarningText;
  const applicationsPath = today.term
    ? `/school/applications?status=submitted&term=${encodeURIComponent(today.term.id)}`
    : '/school/applications';
  const letters = today.letters;
  const lettersCount = letters.expiring.length + letters.expired.length;

  return (
    <Card
      data-testid="school-today"
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('today.title', { date: formatDate(today.date, lang, { weekday: true }) })}
        </Typography.Title>
      }
    >
      <Flex vertical gap={16}>
        {day.served ? (
          <Flex vertical gap={8}>
            <Flex gap={8} align="baseline" wrap>
              <Typography.Text strong>{t('today.attendance')}</Typography.Text>
              <Typography.Text type="secondary">{t('today.attendanceHint')}</Typography.Text>
              {day.closed ? <Tag color="blue">{t('today.closed')}</Tag> : null}
              <Link to="/school/day" data-testid="today-day-link" style={{ marginLeft: 'auto' }}>
                {t('today.dayLink')}
              </Link>
            </Flex>
            <Link to="/school/day" data-testid="today-attendance">
              <Row gutter={[12, 12]}>
                {COUNT_KEYS.map((key) => (
                  <Col key={key} xs={8} md={4}>
                    <Statistic
                      title={t(`today.count.${key}`)}
                      value={day.attendance[key]}
                      valueStyle={{
                        color:
                          key === 'absent' && day.attendance.absent > 0
                            ? danger
                            : key === 'late' && day.attendance.late > 0
                              ? warn
                              : undefined,
                      }}
                      data-testid={`today-count-${key}`}
                    />
                  </Col>
                ))}
              </Row>
            </Link>
          </Flex>
        ) : (
          <Alert
            type="info"
            showIcon
            title={t('today.notServiceDay')}
            description={lang === 'en' ? day.message.en : day.message.zh}
            data-testid="today-not-served"
          />
        )}

        <Flex gap={12} wrap>
          {day.served ? (
            <>
              <Tile
                testId="today-open-absences"
                to="/school/day"
                title={t('today.openAbsences')}
                hint={t('today.openAbsencesHint')}
                value={day.openAbsences}
                color={day.openAbsences > 0 ? danger : undefined}
              />
              <Tile
                testId="today-custody"
                to="/school/day"
                title={t('today.inCustody')}
                hint={t('today.inCustodyHint')}
                value={day.inCustody}
              />
            </>
          ) : null}
          <Tile
            testId="today-applications"
            to={applicationsPath}
            title={t('today.pendingApplications')}
            hint={t('today.pendingApplicationsHint')}
            value={today.pendingApplications}
            color={today.pendingApplications > 0 ? warn : undefined}
          />
          <Tile
            testId="today-letters"
            to="/school/staff"
            title={t('today.letters')}
            hint={t('today.lettersHint', {
              expiring: letters.expiring.length,
              expired: letters.expired.length,
            })}
            value={lettersCount}
            color={letters.expired.length > 0 ? danger : lettersCount > 0 ? warn : undefined}
            detail={
              lettersCount > 0 ? (
                <Flex gap={8} wrap>
                  {letters.expiring.map((l) => (
                    <span key={l.staffId}>
                      <UserText>{l.name}</UserText> {formatDate(l.validUntil, lang)}
                    </span>
                  ))}
                  {letters.expired.map((l) => (
                    <UserText key={l.staffId}>{l.name}</UserText>
                  ))}
                </Flex>
              ) : null
            }
          />
          <Tile
            testId="today-plan"
            to={today.plan ? `/school/plans/${today.plan.planId}` : '/school/plans'}
            title={t('today.plan')}
            hint={
              today.plan
                ? t('today.planHint', { errors: today.plan.errors, warnings: today.plan.warnings })
                : t(today.term ? 'today.noPlan' : 'today.noTerm')
            }
            value={today.plan ? today.plan.errors + today.plan.warnings : null}
            color={today.plan && today.plan.errors > 0 ? danger : undefined}
          />
        </Flex>
      </Flex>
    </Card>
  );
}

function Tile({
  testId,
  to,
  title,
  hint,
  value,
  color,
  detail = null,
}: {
  testId: string;
  to: string;
  title: string;
  hint: string;
  value: number | null;
  color?: string | undefined;
  detail?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      style={{ flex: '1 1 180px', minWidth: 0 }}
      data-testid={testId}
      title={title}
      extra={
        <Link to={to} aria-label={`${t('today.open')} ${title}`} data-testid={`${testId}-link`}>
          {t('today.open')}
        </Link>
      }
    >
      <Flex vertical gap={4}>
        {value === null ? null : (
          <span
            style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2, color }}
            data-testid={`${testId}-value`}
          >
            {value}
          </span>
        )}
        <Typography.Text type="secondary">{hint}</Typography.Text>
        {detail ? <Typography.Text style={{ fontSize: 13 }}>{detail}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}
