// Pieces of a term plan shown to both the school (beside its form) and the bureau (reviewing it):
// status, compliance findings with their clauses, service days, projected labor cost, history.
import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Alert, Card, Collapse, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import type { Finding } from '../../../domain/plan-check';
import { formatTenths } from '../../../domain/policy';
import type { PlanDetail, PlanFinding, PlanHistoryEntry, RegionPlanStatus } from '../../api/types';
import { MessageWithUserText, UserText } from '../../components/user-text';
import { clauseRef, formatDate, formatDateTime, formatMoneyFen } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { bilingual } from '../../i18n/labels';

const STATUS_COLOR: Record<RegionPlanStatus, string> = {
  none: 'default',
  draft: 'processing',
  submitted: 'gold',
  returned: 'red',
  approved: 'green',
};

export function PlanStatusTag({ status }: { status: RegionPlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="plan-status" style={{ marginInlineEnd: 0 }}>
      {t(`plan.status.${status}`)}
    </Tag>
  );
}

/**
 * A finding's message with the names it quotes as written (a person, group, venue, batch the school
 * typed; `Finding.names`) marked as user text, so an English message shows them as data (issue 14.13).
 */
function QuotedNames({ text, names }: { text: string; names: readonly string[] }) {
  const quoted = names.filter((name) => name !== '' && text.includes(name));
  if (quoted.length === 0) return <>{text}</>;
  // Longest first, so a name that contains another is marked whole.
  const pattern = new RegExp(
    `(${[...quoted]
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
  );
  return (
    <>
      {text.split(pattern).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message, never reordered
        quoted.includes(part) ? <UserText key={i}>{part}</UserText> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}

/** Errors first, then warnings, each with its message in the UI language and the seed clause. */
export function FindingsList({
  findings,
  onJump,
}: {
  findings: readonly (Finding | PlanFinding)[];
  /** Called with the finding's field when its message is clicked (to scroll to the field). */
  onJump?: (field: string | undefined) => void;
}) {
  const { lang, t } = useI18n();
  const sorted = [...findings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  if (sorted.length === 0)
    return <Alert type="success" showIcon title={t('plan.findings.none')} data-testid="findings-none" />;
  return (
    <ul className="kh-findings" data-testid="findings">
      {sorted.map((f) => {
        const error = f.severity === 'error';
        const message = <QuotedNames text={bilingual(lang, f.message)} names={f.names ?? []} />;
        return (
          <li
            key={`${f.ruleId}:${f.field ?? ''}:${f.message.en}`}
            className={`kh-finding ${error ? 'kh-finding-error' : 'kh-finding-warning'}`}
          >
            {error ? (
              <CloseCircleFilled aria-label={t('plan.findings.error')} className="kh-finding-icon" />
            ) : (
              <WarningFilled aria-label={t('plan.findings.warning')} className="kh-finding-icon" />
            )}
            <div style={{ minWidth: 0 }}>
              {onJump && f.field ? (
                <Typography.Link onClick={() => onJump(f.field)} className="kh-finding-message">
                  {message}
                </Typography.Link>
              ) : (
                <Typography.Text className="kh-finding-message">{message}</Typography.Text>
              )}
              <div>
                <Tag bordered={false} className="kh-finding-clause">
                  {clauseRef(f.clause, lang)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.ruleId}
                </Typography.Text>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function FindingCounts({ findings }: { findings: readonly (Finding | PlanFinding)[] }) {
  const { t } = useI18n();
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return (
    <Flex gap={6} wrap>
      <Tag color={errors > 0 ? 'error' : 'success'}>
        {errors === 1 ? t('plan.findings.oneError') : t('plan.findings.errors', { count: errors })}
      </Tag>
      <Tag color={warnings > 0 ? 'warning' : 'default'}>
        {warnings === 1 ? t('plan.findings.oneWarning') : t('plan.findings.warnings', { count: warnings })}
      </Tag>
    </Flex>
  );
}

/** F-04: the planned service days of the term as the server counted them. */
export function ServiceDaysCard({ plan, stale }: { plan: PlanDetail; stale?: boolean }) {
  const { lang, t } = useI18n();
  const days = plan.serviceDays;
  return (
    <Card size="small" title={t('plan.days.title')} data-testid="service-days">
      <Flex vertical gap={8}>
        {stale ? <Typography.Text type="warning">{t('plan.days.stale')}</Typography.Text> : null}
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'count',
              label: t('plan.days.count'),
              children: t('plan.days.countValue', { n: days.count }),
            },
            {
              key: 'range',
              label: t('plan.days.range'),
              children:
                days.firstDay && days.lastDay
                  ? `${formatDate(days.firstDay, lang)} – ${formatDate(days.lastDay, lang)}`
                  : t('common.empty'),
            },
            {
              key: 'season',
              label: t('plan.days.bySeason'),
              children: t('plan.days.bySeasonValue', {
                summer: days.bySeason.summer,
                other: days.bySeason.other,
              }),
            },
            {
              key: 'term',
              label: t('plan.days.term'),
              children: `${formatDate(plan.term.firstDay, lang)} – ${formatDate(plan.term.lastDay, lang)}`,
            },
          ]}
        />
        {days.yearsAwaitingOfficialDates.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('plan.days.provisional', { years: days.yearsAwaitingOfficialDates.join('、') })}
          />
        ) : null}
        {days.excluded.length > 0 ? (
          <Collapse
            size="small"
            items={[
              {
                key: 'excluded',
                label: t('plan.days.excluded', { n: days.excluded.length, weekends: days.weekendDays }),
                children: (
                  <ul className="kh-plain-list">
                    {days.excluded.map((d) => (
                      <li key={d.date}>
                        <span style={{ whiteSpace: 'nowrap' }}>
                          {formatDate(d.date, lang, { weekday: true })}
                        </span>{' '}
                        <Typography.Text type="secondary">{bilingual(lang, d.label)}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/** B 五(三): every listed staff member on every planned day, at the policy's fee. */
export function LaborCostCard({ plan, stale }: { plan: PlanDetail; stale?: boolean }) {
  const { lang, t } = useI18n();
  const cost = plan.laborCost;
  const policy = plan.policyVersion.policy;
  return (
    <Card size="small" title={t('plan.cost.title')} data-testid="labor-cost">
      <Flex vertical gap={4}>
        {stale ? <Typography.Text type="warning">{t('plan.days.stale')}</Typography.Text> : null}
        <Typography.Text strong style={{ fontSize: 20 }}>
          {formatMoneyFen(cost.totalFen, lang)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('plan.cost.formula', {
            days: cost.days,
            hours: formatTenths(policy.feeClassHoursPerDayTenths),
            fee: formatMoneyFen(policy.feePerClassHourFen, lang),
            staff: cost.staff,
            perStaff: formatMoneyFen(cost.feePerStaffFen, lang),
          })}
        </Typography.Text>
        <Typography.Text type="secondary" className="kh-clause">
          {t('plan.cost.clause')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** The policy version the plan is checked against (F-01). */
export function PolicyUsed({ plan }: { plan: PlanDetail }) {
  const { lang, t } = useI18n();
  const v = plan.policyVersion;
  return (
    <Typography.Text type="secondary" data-testid="policy-used">
      {t('plan.policyUsed', {
        version: v.version,
        date: formatDate(v.effectiveFrom, lang),
        model: t(v.policy.model === '5+2' ? 'policy.model.5+2' : 'policy.model.pilot-4'),
      })}
    </Typography.Text>
  );
}

/** The latest return of the bureau, with its comment (B 六(五) 审定). */
export function latestReturn(history: readonly PlanHistoryEntry[]): PlanHistoryEntry | null {
  return [...history].reverse().find((h) => h.action === 'return') ?? null;
}

const HISTORY_COLOR: Record<string, string> = {
  submit: 'gold',
  return: 'red',
  approve: 'green',
  reopen: 'blue',
};

export function HistoryCard({ history }: { history: readonly PlanHistoryEntry[] }) {
  const { lang, t } = useI18n();
  return (
    <Card size="small" title={t('plan.history.title')} data-testid="plan-history">
      {history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.history.none')} />
      ) : (
        <ol className="kh-version-list">
          {[...history].reverse().map((h) => (
            <li key={`${h.at}:${h.action}`}>
              <Flex gap={8} align="center" wrap>
                <Tag color={HISTORY_COLOR[h.action] ?? 'default'}>{t(`plan.history.${h.action}`)}</Tag>
                <Typography.Text type="secondary">
                  <MessageWithUserText
                    text={t('plan.history.line', {
                      who: h.actorName ? '{who}' : t('audit.system'),
                      at: formatDateTime(h.at, lang),
                      revision: h.revision,
                    })}
                    user={h.actorName ? { who: h.actorName } : {}}
                  />
                </Typography.Text>
              </Flex>
              {h.comment ? (
                <Typography.Paragraph style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap' }}>
                  <UserText>{h.comment}</UserText>
                </Typography.Paragraph>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
