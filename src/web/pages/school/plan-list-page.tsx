import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useErrorText } from '../../api/error-text';
import { useCreatePlan, useSchoolPlans, useSchoolTerms } from '../../api/queries';
import type { PlanListItem, Term } from '../../api/types';
import { PageError } from '../../components/page-state';
import { NameText } from '../../components/user-text';
import { formatDate, formatDateTime, generatedName, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { PlanStatusTag } from '../plans/plan-parts';

interface Row {
  term: Term;
  plan: PlanListItem | null;
}

/** F-02 一校一案: a plan per term — create the term's plan, open it. */
export function PlanListPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const navigate = useNavigate();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const termsQuery = useSchoolTerms(schoolId);
  const plansQuery = useSchoolPlans(schoolId);
  const create = useCreatePlan(schoolId ?? '');
  const today = todayInShanghai();

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;
  const failed = termsQuery.isError ? termsQuery : plansQuery.isError ? plansQuery : null;

  // Newest term first; a term that has ended stays listed with its plan.
  const rows: Row[] = [...(termsQuery.data ?? [])]
    .sort((a, b) => b.firstDay.localeCompare(a.firstDay))
    .map((term) => ({ term, plan: plansQuery.data?.find((p) => p.termId === term.id) ?? null }));

  const empty = t('common.empty');
  const columns: TableColumnsType<Row> = [
    {
      title: t('terms.name'),
      key: 'term',
      render: (_, row) => (
        <Flex vertical>
          <Typography.Text strong>
            <NameText name={row.term.name} />
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.term.firstDay <= today && today <= row.term.lastDay ? t('terms.current') : row.term.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('terms.dates'),
      key: 'dates',
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDate(row.term.firstDay, lang)} – {formatDate(row.term.lastDay, lang)}
        </span>
      ),
    },
    {
      title: t('terms.unifiedStart'),
      key: 'start',
      render: (_, row) => (row.term.unifiedStartDate ? formatDate(row.term.unifiedStartDate, lang) : empty),
    },
    {
      title: t('plan.statusLabel'),
      key: 'status',
      render: (_, row) => <PlanStatusTag status={row.plan?.status ?? 'none'} />,
    },
    {
      title: t('plan.updatedAt'),
      key: 'updated',
      render: (_, row) => (row.plan ? formatDateTime(row.plan.updatedAt, lang) : empty),
    },
    {
      title: t('common.actions'),
      key: 'action',
      fixed: 'right',
      render: (_, row) =>
        row.plan ? (
          <Link to={`/school/plans/${row.plan.id}`} data-testid={`open-plan-${row.term.code}`}>
            {row.plan.status === 'draft' || row.plan.status === 'returned' ? t('plan.edit') : t('plan.open')}
          </Link>
        ) : row.term.lastDay < today ? (
          <Typography.Text type="secondary">{t('plan.termEnded')}</Typography.Text>
        ) : (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            loading={create.isPending && create.variables === row.term.id}
            disabled={create.isPending}
            data-testid={`create-plan-${row.term.code}`}
            onClick={() =>
              create.mutate(row.term.id, {
                onSuccess: (plan) => {
                  message.success(t('plan.created', { term: generatedName(row.term.name, lang) }));
                  navigate(`/school/plans/${plan.id}`);
                },
                onError: (error) => message.error(describe(error)),
              })
            }
          >
            {t('plan.create')}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('plan.listTitle')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('plan.listIntro')}</Typography.Text>
      {failed ? (
        <PageError error={failed.error} onRetry={() => failed.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Row>
            rowKey={(row) => row.term.id}
            columns={columns}
            dataSource={rows}
            loading={termsQuery.isPending || plansQuery.isPending}
            scroll={{ x: 'max-content' }}
            pagination={false}
            locale={{ emptyText: t('plan.noTerms') }}
          />
        </Card>
      )}
    </Flex>
  );
}
