import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formFailure, useErrorText } from '../../api/error-text';
import {
  useNoServiceDays,
  usePlan,
  useRemoveNoServiceDay,
  useSchoolPlans,
  useSchoolTerms,
  useSetNoServiceDay,
} from '../../api/queries';
import type { NoServiceDay, Term } from '../../api/types';
import { Clause } from '../../components/clause';
import { IsoDatePicker } from '../../components/date-inputs';
import { requiredRule } from '../../components/form-rules';
import { MonthGrid } from '../../components/month-grid';
import { type DayMark, initialMonth, monthOf, schoolDayMarks } from '../../components/month-grid-model';
import { PageError } from '../../components/page-state';
import { NameText } from '../../components/user-text';
import { formatDate, formatDateTime, generatedName, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';

/** The term in progress, else the next, else the latest. */
function defaultTerm(terms: readonly Term[], today: string): Term | undefined {
  return (
    terms.find((t) => t.firstDay <= today && today <= t.lastDay) ??
    [...terms].filter((t) => t.firstDay > today).sort((a, b) => a.firstDay.localeCompare(b.firstDay))[0] ??
    [...terms].sort((a, b) => b.lastDay.localeCompare(a.lastDay))[0]
  );
}

/** F-04: the school's days without service in a term (exams, weather), with the reason. */
export function NoServiceDaysPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const termsQuery = useSchoolTerms(schoolId);
  const [params, setParams] = useSearchParams();
  const terms = termsQuery.data ?? [];
  const term = terms.find((x) => x.id === params.get('term')) ?? defaultTerm(terms, todayInShanghai());
  const daysQuery = useNoServiceDays(term ? schoolId : null, term?.id ?? null);
  const remove = useRemoveNoServiceDay(schoolId ?? '');
  // The month grid (issue 14.16) reads the term's days from the plan's service-day summary.
  const view = params.get('view') === 'list' ? 'list' : 'month';
  const plansQuery = useSchoolPlans(schoolId);
  const planId = (plansQuery.data ?? []).find((p) => p.termId === term?.id)?.id ?? null;
  const planQuery = usePlan(planId ? schoolId : null, planId);

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;

  const columns: TableColumnsType<NoServiceDay> = [
    {
      title: t('nsd.date'),
      key: 'date',
      render: (_, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDate(d.date, lang, { weekday: true })}</span>
      ),
    },
    { title: t('nsd.reason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('nsd.by'),
      key: 'by',
      render: (_, d) => `${d.createdByName ?? t('audit.system')} · ${formatDateTime(d.createdAt, lang)}`,
    },
    {
      title: t('common.actions'),
      key: 'remove',
      fixed: 'right',
      render: (_, d) => (
        <Popconfirm
          title={t('nsd.removeConfirm', { date: formatDate(d.date, lang) })}
          okText={t('calendar.remove')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutate(d.date, {
              onSuccess: () => message.success(t('calendar.removed')),
              onError: (e) => message.error(describe(e)),
            })
          }
        >
          <Button type="link" danger size="small" icon={<DeleteOutlined />}>
            {t('calendar.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('nsd.title')}
        </Typography.Title>
        <Select
          aria-label={t('planReview.term')}
          value={term?.id}
          onChange={(id: string) => setParams({ term: id }, { replace: true })}
          options={terms.map((x) => ({
            value: x.id,
            label: <NameText name={x.name} />,
            title: generatedName(x.name, lang),
          }))}
          style={{ minWidth: 200, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          loading={termsQuery.isPending}
        />
      </Flex>
      <Clause>{t('nsd.clause')}</Clause>
      <Segmented
        value={view}
        onChange={(v) =>
          setParams({ ...(term ? { term: term.id } : {}), view: String(v) }, { replace: true })
        }
        options={[
          { value: 'month', label: t('calendar.view.month') },
          { value: 'list', label: t('calendar.view.list') },
        ]}
        data-testid="nsd-view"
        style={{ alignSelf: 'flex-start' }}
      />
      {termsQuery.isError || daysQuery.isError ? (
        <PageError
          error={termsQuery.error ?? daysQuery.error}
          onRetry={() => (termsQuery.isError ? termsQuery.refetch() : daysQuery.refetch())}
        />
      ) : (
        <Row gutter={[16, 16]} align="top">
          <Col xs={24} xl={15}>
            {view === 'month' && term ? (
              <TermMonth
                key={term.id}
                term={term}
                noServiceDays={daysQuery.data ?? []}
                serviceDays={planQuery.data?.serviceDays ?? null}
                makeUpServed={planQuery.data ? planQuery.data.serviceDays.makeUpDays.length > 0 : null}
              />
            ) : (
              <Card size="small" styles={{ body: { padding: 0 } }}>
                <Table<NoServiceDay>
                  rowKey="date"
                  columns={columns}
                  dataSource={daysQuery.data ?? []}
                  loading={daysQuery.isFetching || termsQuery.isPending}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: term ? t('nsd.empty') : t('plan.noTerms') }}
                />
              </Card>
            )}
          </Col>
          <Col xs={24} xl={9}>
            {term ? <AddDay schoolId={schoolId} term={term} /> : null}
          </Col>
        </Row>
      )}
    </Flex>
  );
}

const SCHOOL_LEGEND: readonly DayMark[] = [
  'service',
  'holiday',
  'makeup',
  'makeupServed',
  'noService',
  'termFirst',
  'termLast',
  'start',
];

/** The term month by month: service days, holidays, make-up working days, no-service days. */
function TermMonth({
  term,
  noServiceDays,
  serviceDays,
  makeUpServed,
}: {
  term: Term;
  noServiceDays: readonly NoServiceDay[];
  serviceDays: Parameters<typeof schoolDayMarks>[0]['serviceDays'];
  makeUpServed: boolean | null;
}) {
  const { t } = useI18n();
  const days = useMemo(
    () => schoolDayMarks({ term, serviceDays, noServiceDays }),
    [term, serviceDays, noServiceDays],
  );
  const [month, setMonth] = useState(() =>
    initialMonth(todayInShanghai(), { from: term.firstDay, to: term.lastDay }),
  );
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {serviceDays
            ? t('calendar.month.serviceNote', {
                makeUp: t(makeUpServed ? 'policy.makeUp.served' : 'policy.makeUp.not_served'),
              })
            : t('calendar.month.noPlan')}
        </Typography.Text>
        <MonthGrid
          days={days}
          month={month}
          onMonthChange={setMonth}
          range={{ from: monthOf(term.firstDay), to: monthOf(term.lastDay) }}
          legend={SCHOOL_LEGEND}
          testId="nsd-month"
        />
      </Flex>
    </Card>
  );
}

function AddDay({ schoolId, term }: { schoolId: string; term: Term }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: string | null; reason: string }>();
  const set = useSetNoServiceDay(schoolId);
  const [failure, setFailure] = useState<string | null>(null);
  const reasons = ['nsd.reason.exam', 'nsd.reason.weather', 'nsd.reason.sports', 'nsd.reason.other'] as const;
  return (
    <Card size="small" title={t('nsd.add')}>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        name="no-service-day"
        layout="vertical"
        disabled={set.isPending}
        onFinish={(values) => {
          setFailure(null);
          const date = values.date ?? '';
          set.mutate(
            { date, reason: values.reason.trim() },
            {
              onSuccess: () => {
                message.success(t('nsd.added', { date: formatDate(date, lang) }));
                form.resetFields();
              },
              onError: (error) => setFailure(formFailure(form, error, lang, t)),
            },
          );
        }}
      >
        <Form.Item name="date" label={t('nsd.date')} rules={[requiredRule(t, 'nsd.date')]}>
          <IsoDatePicker min={term.firstDay} max={term.lastDay} />
        </Form.Item>
        <Form.Item name="reason" label={t('nsd.reason')} rules={[requiredRule(t, 'nsd.reason')]}>
          <AutoComplete
            options={reasons.map((k) => ({ value: t(k) }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input.trim())}
            maxLength={60}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={set.isPending}>
          {t('nsd.save')}
        </Button>
      </Form>
    </Card>
  );
}
