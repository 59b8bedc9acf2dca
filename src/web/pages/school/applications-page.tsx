// 报名审核 (F-06, B 五(二) 家长自愿报名，学校审核): the school's applications of a term by status;
// approve selected, waitlist with a reason, record a paper application, record a withdrawal.
import { FileAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type Application,
  type ApplicationStatus,
  scanUrl,
  useApproveApplications,
  useSchoolApplications,
  useWaitlistApplications,
  useWithdrawApplication,
} from '../../api/application-queries';
import { useErrorText } from '../../api/error-text';
import { useSchool, useSchoolTerms } from '../../api/queries';
import type { Term } from '../../api/types';
import { Clause } from '../../components/clause';
import { PageError } from '../../components/page-state';
import { PAGE_SIZES, usePaging } from '../../components/paged-table';
import { selectionTitle } from '../../components/selection-title';
import { NameText, UserText } from '../../components/user-text';
import { classLabel, formatDate, formatDateTime, generatedName, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { PaperApplicationDrawer } from './applications-paper-drawer';

const STATUSES: ApplicationStatus[] = ['submitted', 'approved', 'waitlisted', 'withdrawn'];

/** The term in progress, else the next, else the latest. */
function defaultTerm(terms: readonly Term[], today: string): Term | undefined {
  return (
    terms.find((t) => t.firstDay <= today && today <= t.lastDay) ??
    [...terms].filter((t) => t.firstDay > today).sort((a, b) => a.firstDay.localeCompare(b.firstDay))[0] ??
    [...terms].sort((a, b) => b.lastDay.localeCompare(a.lastDay))[0]
  );
}

export function ApplicationsPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const schoolId = useActiveMembership().schoolId;
  const school = useSchool(schoolId);
  const termsQuery = useSchoolTerms(schoolId);
  const [params, setParams] = useSearchParams();
  const terms = termsQuery.data ?? [];
  const term = terms.find((x) => x.id === params.get('term')) ?? defaultTerm(terms, todayInShanghai());
  const status = (STATUSES.find((s) => s === params.get('status')) ?? 'submitted') as ApplicationStatus;
  const paging = usePaging(50);
  const list = useSchoolApplications(schoolId, term?.id ?? null, status, paging.page, paging.pageSize);
  const [selected, setSelected] = useState<string[]>([]);
  const [waitlistOpen, setWaitlistOpen] = useState(false);
  const [paperOpen, setPaperOpen] = useState(false);
  const approve = useApproveApplications(schoolId ?? '');
  const waitlist = useWaitlistApplications(schoolId ?? '');
  const withdraw = useWithdrawApplication();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const { firstPage } = paging;

  // A new tab or term starts again at page 1 with nothing selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the tab or the term changes
  useEffect(() => {
    setSelected([]);
    firstPage();
  }, [status, term?.id, firstPage]);

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;
  if (termsQuery.isError) return <PageError error={termsQuery.error} onRetry={() => termsQuery.refetch()} />;

  const sep = lang === 'en' ? ', ' : '、';
  const days = (a: Application) => a.weekdays.map((d) => t(`weekday.${d}` as 'weekday.1')).join(sep);
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const onApprove = async () => {
    try {
      const res = await approve.mutateAsync(selected);
      message.success(
        t('applications.approved', {
          count: res.items.length,
          date: res.items[0] ? formatDate(res.items[0].startsOn, lang) : '',
        }),
      );
      setSelected([]);
    } catch (error) {
      message.error(describe(error));
    }
  };
  const onWaitlist = async () => {
    const { reason } = await reasonForm.validateFields();
    try {
      const res = await waitlist.mutateAsync({ applicationIds: selected, reason });
      message.success(t('applications.waitlisted', { count: res.count }));
      setSelected([]);
      setWaitlistOpen(false);
      reasonForm.resetFields();
    } catch (error) {
      message.error(describe(error));
    }
  };
  const onWithdraw = async (a: Application) => {
    try {
      await withdraw.mutateAsync({ schoolId, applicationId: a.id });
      message.success(t('applications.withdrawnDone'));
    } catch (error) {
      message.error(describe(error));
    }
  };

  const selectable = status === 'submitted' || status === 'waitlisted';
  const columns: TableColumnsType<Application> = [
    {
      title: t('applications.col.student'),
      key: 'student',
      render: (_, a) => (
        <Flex vertical>
          <UserText>{a.student.name}</UserText>
          <Typography.Text type="secondary">{a.student.studentNo}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('applications.col.class'),
      key: 'class',
      render: (_, a) => classLabel(a.student.grade, a.student.className, lang),
    },
    {
      title: t('applications.col.guardian'),
      key: 'guardian',
      render: (_, a) => (a.consent ? <UserText>{a.consent.guardianName}</UserText> : '—'),
    },
    { title: t('applications.col.days'), key: 'days', render: (_, a) => days(a) },
    {
      title: t('applications.col.batch'),
      key: 'batch',
      render: (_, a) => (
        <Flex vertical>
          <NameText name={a.departureBatch} />
          {a.mayLeaveAlone ? <Tag color="orange">{t('applications.leaveAlone')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('applications.col.extended'),
      key: 'extended',
      render: (_, a) => (a.extendedCustody ? <UserText>{a.extendedCustodyReason ?? ''}</UserText> : '—'),
    },
    {
      title: t('applications.col.source'),
      key: 'source',
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Tag color={a.source === 'paper' ? 'gold' : 'blue'}>{t(`applications.source.${a.source}`)}</Tag>
          {a.consent?.hasScan ? (
            <a href={scanUrl(schoolId, a.id)} target="_blank" rel="noreferrer">
              {t('applications.viewScan')}
            </a>
          ) : null}
          {a.consent ? (
            <Typography.Text type="secondary">
              {t('applications.noticeVersion', { version: a.consent.noticeVersion })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('applications.col.submittedAt'),
      key: 'submittedAt',
      render: (_, a) => formatDateTime(a.submittedAt, lang),
    },
    {
      title: t('applications.col.decision'),
      key: 'decision',
      render: (_, a) =>
        a.status === 'approved' && a.enrollment
          ? t('apply.startsOn', { date: formatDate(a.enrollment.startsOn, lang) })
          : a.status === 'waitlisted'
            ? a.waitlistReason
            : a.status === 'withdrawn' && a.enrollment?.withdrawnFrom
              ? t('apply.withdrawnFrom', { date: formatDate(a.enrollment.withdrawnFrom, lang) })
              : a.withdrawnAt
                ? formatDateTime(a.withdrawnAt, lang)
                : '—',
    },
    {
      title: t('applications.col.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) =>
        a.status === 'withdrawn' ? null : (
          <Popconfirm
            title={t('applications.withdrawTitle')}
            description={t('applications.withdrawBody')}
            okText={t('applications.withdraw')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onWithdraw(a)}
          >
            <Button size="small" danger>
              {t('applications.withdraw')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const counts = list.data?.counts;
  return (
    <Flex vertical gap={16} data-testid="applications-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('applications.title')}
          </Typography.Title>
          <Clause>{t('applications.clause')}</Clause>
        </Flex>
        <Flex gap={8} wrap align="center">
          <Select
            style={{ minWidth: 220 }}
            aria-label={t('applications.term')}
            loading={termsQuery.isPending}
            value={term?.id}
            placeholder={t('applications.noTerm')}
            options={terms.map((x) => ({ value: x.id, label: generatedName(x.name, lang) }))}
            onChange={(v) => setParam('term', v)}
          />
          <Button
            icon={<FileAddOutlined />}
            onClick={() => setPaperOpen(true)}
            disabled={!term}
            data-testid="paper-open"
          >
            {t('applications.paper')}
          </Button>
        </Flex>
      </Flex>

      <Tabs
        activeKey={status}
        onChange={(key) => setParam('status', key)}
        items={STATUSES.map((s) => ({
          key: s,
          label: (
            <span data-testid={`tab-${s}`}>
              {t(`applications.tab.${s}`)}
              {counts ? ` (${counts[s]})` : ''}
            </span>
          ),
        }))}
      />

      {selectable ? (
        <Flex gap={8} wrap>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={approve.isPending}
            onClick={onApprove}
            data-testid="approve-selected"
          >
            {t('applications.approveSelected', { count: selected.length })}
          </Button>
          {status === 'submitted' ? (
            <Button
              disabled={selected.length === 0}
              onClick={() => setWaitlistOpen(true)}
              data-testid="waitlist-selected"
            >
              {t('applications.waitlistSelected', { count: selected.length })}
            </Button>
          ) : null}
        </Flex>
      ) : null}

      {list.isError ? (
        <PageError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Application>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('applications.empty') }}
            rowSelection={
              selectable
                ? {
                    columnTitle: selectionTitle,
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                  }
                : undefined
            }
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: list.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES.map(String),
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: paging.change,
            }}
          />
        </Card>
      )}

      <Modal
        open={waitlistOpen}
        title={t('applications.waitlistTitle')}
        okText={t('applications.waitlistSelected', { count: selected.length })}
        cancelText={t('common.cancel')}
        confirmLoading={waitlist.isPending}
        onOk={onWaitlist}
        onCancel={() => setWaitlistOpen(false)}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('applications.waitlistReason')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { label: t('applications.waitlistReason') }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="waitlist-reason" />
          </Form.Item>
        </Form>
      </Modal>

      {term && school.data ? (
        <PaperApplicationDrawer
          open={paperOpen}
          onClose={() => setPaperOpen(false)}
          schoolId={schoolId}
          schoolCode={school.data.code}
          term={term}
        />
      ) : null}
    </Flex>
  );
}
