import { Card, Flex, Segmented, Select, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApplicationGaps } from '../../api/application-queries';
import { useRegionPlans, useRegionTerms } from '../../api/queries';
import { REGION_PLAN_STATUSES, type RegionPlanItem, type RegionPlanStatus } from '../../api/types';
import { PageError } from '../../components/page-state';
import { RegionSelect, useBureauRegion } from '../../components/region-select';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { formatDate, generatedName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { PlanStatusTag } from '../plans/plan-parts';

function isStatus(value: string | null): value is RegionPlanStatus {
  return value !== null && (REGION_PLAN_STATUSES as readonly string[]).includes(value);
}

/** B 六(五) 报市教育局审定: every school of the region with its plan for a term, by status. */
export function PlanReviewListPage() {
  const { lang, t } = useI18n();
  const bureauRegion = useBureauRegion();
  const [params, setParams] = useSearchParams();
  const askedStatus = params.get('status');
  const status = isStatus(askedStatus) ? askedStatus : undefined;
  const termsQuery = useRegionTerms(bureauRegion.regionId);
  // A term of another region (the region was switched) is not asked for: the server picks the current one.
  const termParam = params.get('term') ?? undefined;
  const askedTerm =
    termParam && termsQuery.data && !termsQuery.data.some((term) => term.code === termParam)
      ? undefined
      : termParam;
  const plansQuery = useRegionPlans(bureauRegion.regionId, { termCode: askedTerm, status });
  const termCode = plansQuery.data?.termCode ?? askedTerm ?? null;
  const term = plansQuery.data?.term ?? null;
  // F-06 / C 应托尽托: applications per school; the waitlisted are children the service does not reach.
  const gapsQuery = useApplicationGaps(bureauRegion.regionId, termCode);
  const gaps = new Map((gapsQuery.data?.items ?? []).map((g) => [g.schoolId, g]));

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (value) copy.set(key, value);
        else copy.delete(key);
        return copy;
      },
      { replace: true },
    );

  const counts = plansQuery.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const empty = t('common.empty');
  const columns: TableColumnsType<RegionPlanItem> = [
    { title: t('school.code'), dataIndex: 'schoolCode', key: 'code' },
    {
      title: t('school.name'),
      key: 'name',
      render: (_, item) => (
        <Flex vertical>
          <UserText>{item.schoolName}</UserText>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <UserText>{item.regionName}</UserText>
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('plan.statusLabel'),
      key: 'status',
      render: (_, item) => <PlanStatusTag status={item.status} />,
    },
    {
      title: t('plan.submittedAt'),
      key: 'submittedAt',
      render: (_, item) => (item.submittedAt ? formatDate(item.submittedAt, lang) : empty),
    },
    {
      title: t('plan.decidedAt'),
      key: 'decidedAt',
      render: (_, item) => (item.decidedAt ? formatDate(item.decidedAt, lang) : empty),
    },
    {
      title: t('plan.noticeVersion'),
      key: 'notice',
      render: (_, item) =>
        item.noticeVersion ? t('plan.noticeVersionN', { version: item.noticeVersion }) : empty,
    },
    {
      title: t('planReview.applications'),
      key: 'applications',
      render: (_, item) => {
        const gap = gaps.get(item.schoolId);
        if (!gap) return empty;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {t('planReview.applicationCounts', { enrolled: gap.approved, pending: gap.submitted })}
            {gap.waitlisted > 0 ? (
              <Typography.Text type="danger" strong data-testid={`waitlisted-${item.schoolCode}`}>
                {' · '}
                {t('planReview.waitlistedN', { n: gap.waitlisted })}
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'open',
      fixed: 'right',
      render: (_, item) =>
        item.planId ? (
          <Link
            to={`/bureau/plans/${item.schoolId}/${item.planId}`}
            data-testid={`open-plan-${item.schoolCode}`}
          >
            {item.status === 'submitted' ? t('plan.review') : t('plan.open')}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('plan.noPlan')}</Typography.Text>
        ),
    },
  ];

  const termOptions: { value: string; label: ReactNode; title?: string }[] = (termsQuery.data ?? []).map(
    (term) => ({
      value: term.code,
      label: <NameText name={term.name} />,
      title: generatedName(term.name, lang),
    }),
  );
  if (termCode && !termOptions.some((o) => o.value === termCode))
    termOptions.push({
      value: termCode,
      label: <NameText name={term?.code === termCode ? term.name : termCode} />,
    });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('planReview.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <RegionSelect value={bureauRegion} />
          <Select
            aria-label={t('planReview.term')}
            placeholder={t('planReview.term')}
            value={termCode ?? undefined}
            options={termOptions}
            onChange={(value: string) => setParam('term', value)}
            style={{ minWidth: 200, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
          />
        </Flex>
      </Flex>
      {term ? (
        <Typography.Text type="secondary" data-testid="plan-review-term">
          <MessageWithUserText
            text={t('planReview.termDates', {
              name: '{name}',
              first: formatDate(term.firstDay, lang, { weekday: true }),
              last: formatDate(term.lastDay, lang, { weekday: true }),
            })}
            nodes={{ name: <NameText name={term.name} /> }}
          />
        </Typography.Text>
      ) : null}
      <div className="kh-scroll-x">
        <Segmented<string>
          value={status ?? 'all'}
          onChange={(value) => setParam('status', value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: t('planReview.all', { n: total }) },
            ...REGION_PLAN_STATUSES.map((s) => ({
              value: s,
              label: t('planReview.statusCount', { status: t(`plan.status.${s}`), n: counts?.[s] ?? 0 }),
            })),
          ]}
        />
      </div>
      {plansQuery.isError ? (
        <PageError error={plansQuery.error} onRetry={() => plansQuery.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<RegionPlanItem>
            rowKey="schoolId"
            columns={columns}
            dataSource={plansQuery.data?.items ?? []}
            loading={plansQuery.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              pageSize: 50,
              hideOnSinglePage: true,
              showTotal: (n) => t('common.total', { total: n }),
            }}
            locale={{ emptyText: termCode ? t('planReview.empty') : t('planReview.noTerm') }}
          />
        </Card>
      )}
    </Flex>
  );
}
