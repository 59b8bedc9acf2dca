import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { formFailure, useErrorText } from '../../api/error-text';
import {
  useDeleteCalendarEntry,
  usePutCalendarEntry,
  useRegionCalendar,
  useRegionTerms,
} from '../../api/queries';
import type { CalendarEntry, CalendarEntryInput, OfficialCalendarDay, RegionCalendar } from '../../api/types';
import { Clause } from '../../components/clause';
import { IsoDatePicker } from '../../components/date-inputs';
import { requiredRule, requiredSelectRule } from '../../components/form-rules';
import { MonthGrid } from '../../components/month-grid';
import { type DayMark, regionDayMarks } from '../../components/month-grid-model';
import { PageError, PageSpin } from '../../components/page-state';
import { RegionSelect, useBureauRegion } from '../../components/region-select';
import { formatDate, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

type Provisional = RegionCalendar['provisional'][number];
type EntryKind = CalendarEntry['kind'];

const KIND_COLOR: Record<EntryKind, string> = { holiday: 'red', makeup_workday: 'blue', workday: 'default' };

/** F-04: a year's calendar entries of the region — provisional statutory holidays to confirm, local holidays and make-up working days. */
export function CalendarPage() {
  const { t } = useI18n();
  const bureauRegion = useBureauRegion();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const calendarQuery = useRegionCalendar(bureauRegion.regionId, year);
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('calendar.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <RegionSelect value={bureauRegion} />
          <Select
            aria-label={t('calendar.year')}
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: t('calendar.yearN', { year: y }) }))}
            style={{ width: 120 }}
          />
        </Flex>
      </Flex>
      {calendarQuery.isPending ? (
        <PageSpin />
      ) : calendarQuery.isError ? (
        <PageError error={calendarQuery.error} onRetry={() => calendarQuery.refetch()} />
      ) : (
        <CalendarYear
          calendar={calendarQuery.data}
          regionName={bureauRegion.region?.name ?? ''}
          regionId={bureauRegion.regionId}
        />
      )}
    </Flex>
  );
}

const REGION_LEGEND: readonly DayMark[] = ['holiday', 'makeup', 'termFirst', 'termLast', 'start'];

/** The year month by month (issue 14.16): holidays, make-up working days, the terms' dates. */
function YearMonths({ calendar, regionId }: { calendar: RegionCalendar; regionId: string | null }) {
  const termsQuery = useRegionTerms(regionId);
  const terms = termsQuery.data;
  const days = useMemo(
    () =>
      regionDayMarks({
        official: calendar.official,
        provisional: calendar.provisional,
        overrides: calendar.overrides,
        terms: terms ?? [],
      }),
    [calendar, terms],
  );
  const today = todayInShanghai();
  const [month, setMonth] = useState(() =>
    today.startsWith(`${calendar.year}-`) ? today.slice(0, 7) : `${calendar.year}-01`,
  );
  return (
    <Card size="small">
      <MonthGrid
        days={days}
        month={month}
        onMonthChange={setMonth}
        range={{ from: `${calendar.year}-01`, to: `${calendar.year}-12` }}
        legend={REGION_LEGEND}
        testId="calendar-month"
      />
    </Card>
  );
}

function CalendarYear({
  calendar,
  regionName,
  regionId,
}: {
  calendar: RegionCalendar;
  regionName: string;
  regionId: string | null;
}) {
  const { lang, t } = useI18n();
  const [view, setView] = useState<'month' | 'list'>('month');
  const { message } = App.useApp();
  const describe = useErrorText();
  const put = usePutCalendarEntry(calendar.regionId);
  const remove = useDeleteCalendarEntry(calendar.regionId);
  const pending = calendar.provisional.filter((p) => !p.confirmed).length;

  const confirm = (day: Provisional) =>
    put.mutate(
      { date: day.date, entry: { kind: 'holiday', name: day.name, confirmed: true } },
      {
        onSuccess: () => message.success(t('calendar.confirmed', { date: formatDate(day.date, lang) })),
        onError: (e) => message.error(describe(e)),
      },
    );

  const provisionalColumns: TableColumnsType<Provisional> = [
    {
      title: t('calendar.date'),
      key: 'date',
      render: (_, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDate(d.date, lang, { weekday: true })}</span>
      ),
    },
    { title: t('calendar.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('calendar.state'),
      key: 'state',
      render: (_, d) =>
        d.confirmed ? (
          <Tag color="green">{t('calendar.isConfirmed')}</Tag>
        ) : (
          <Tag color="gold">{t('calendar.pending')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'confirm',
      fixed: 'right',
      render: (_, d) =>
        d.confirmed ? null : (
          <Button
            size="small"
            onClick={() => confirm(d)}
            loading={put.isPending && put.variables?.date === d.date}
          >
            {t('calendar.confirm')}
          </Button>
        ),
    },
  ];

  const entryColumns: TableColumnsType<CalendarEntry> = [
    {
      title: t('calendar.date'),
      key: 'date',
      render: (_, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDate(d.date, lang, { weekday: true })}</span>
      ),
    },
    {
      title: t('calendar.kind'),
      key: 'kind',
      render: (_, d) => <Tag color={KIND_COLOR[d.kind]}>{t(`calendar.kind.${d.kind}`)}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('calendar.state'),
      key: 'state',
      render: (_, d) =>
        d.confirmed ? (
          t('calendar.isConfirmed')
        ) : (
          <Typography.Text type="warning">{t('calendar.pending')}</Typography.Text>
        ),
    },
    {
      title: t('calendar.source'),
      key: 'source',
      render: (_, d) => (d.inherited ? t('calendar.inherited') : t('calendar.own', { region: regionName })),
    },
    {
      title: t('common.actions'),
      key: 'remove',
      fixed: 'right',
      render: (_, d) =>
        d.inherited ? null : (
          <Popconfirm
            title={t('calendar.removeConfirm', { date: formatDate(d.date, lang) })}
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

  const entryDates = new Set(calendar.overrides.map((o) => o.date));
  const officialColumns: TableColumnsType<OfficialCalendarDay> = [
    {
      title: t('calendar.date'),
      key: 'date',
      render: (_, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDate(d.date, lang, { weekday: true })}</span>
      ),
    },
    {
      title: t('calendar.kind'),
      key: 'kind',
      render: (_, d) => <Tag color={KIND_COLOR[d.kind]}>{t(`calendar.kind.${d.kind}`)}</Tag>,
    },
    {
      title: t('calendar.name'),
      key: 'name',
      render: (_, d) => (
        <Flex gap={4} wrap align="center">
          {d.name}
          {entryDates.has(d.date) ? <Tag color="purple">{t('calendar.officialOverridden')}</Tag> : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {calendar.packageCoversYear ? (
        <Alert
          type="info"
          showIcon
          title={t('calendar.covered', {
            year: calendar.year,
            first: calendar.packageYears.first,
            last: calendar.packageYears.last,
          })}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('calendar.notCovered', { year: calendar.year })}
          description={t('calendar.notCoveredDesc', { pending })}
        />
      )}
      {calendar.provisional.length > 0 ? (
        <Card
          size="small"
          title={t('calendar.provisionalTitle', { year: calendar.year })}
          styles={{ body: { padding: 0 } }}
        >
          <Table<Provisional>
            rowKey="date"
            size="small"
            columns={provisionalColumns}
            dataSource={calendar.provisional}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          <div style={{ padding: '8px 12px' }}>
            <Clause>{t('calendar.lawClause')}</Clause>
          </div>
        </Card>
      ) : null}
      <Segmented
        value={view}
        onChange={(v) => setView(v === 'list' ? 'list' : 'month')}
        options={[
          { value: 'month', label: t('calendar.view.month') },
          { value: 'list', label: t('calendar.view.list') },
        ]}
        data-testid="calendar-view"
        style={{ alignSelf: 'flex-start' }}
      />
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={15}>
          {view === 'month' ? (
            <YearMonths key={calendar.year} calendar={calendar} regionId={regionId} />
          ) : null}
          <Card
            size="small"
            title={t('calendar.entriesTitle', { year: calendar.year })}
            style={view === 'month' ? { marginTop: 16 } : undefined}
            styles={{ body: { padding: 0 } }}
          >
            <Table<CalendarEntry>
              rowKey="date"
              size="small"
              columns={entryColumns}
              dataSource={calendar.overrides}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('calendar.noEntries') }}
            />
          </Card>
          {view === 'list' && calendar.official.length > 0 ? (
            <Card
              size="small"
              title={t('calendar.officialTitle', { year: calendar.year })}
              styles={{ body: { padding: 0 } }}
              style={{ marginTop: 16 }}
              data-testid="calendar-official"
            >
              <Table<OfficialCalendarDay>
                rowKey="date"
                size="small"
                columns={officialColumns}
                dataSource={calendar.official}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
              <div style={{ padding: '8px 12px' }}>
                <Clause>{t('calendar.officialSource')}</Clause>
              </div>
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={9}>
          <AddEntry calendar={calendar} />
        </Col>
      </Row>
    </Flex>
  );
}

interface EntryForm extends CalendarEntryInput {
  date: string | null;
}

function AddEntry({ calendar }: { calendar: RegionCalendar }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryForm>();
  const put = usePutCalendarEntry(calendar.regionId);
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = (values: EntryForm) => {
    setFailure(null);
    const date = values.date ?? '';
    put.mutate(
      { date, entry: { kind: values.kind, name: values.name.trim(), confirmed: values.confirmed } },
      {
        onSuccess: () => {
          message.success(t('calendar.added', { date: formatDate(date, lang) }));
          form.resetFields();
        },
        onError: (error) => setFailure(formFailure(form, error, lang, t, { VALIDATION_FAILED: 'kind' })),
      },
    );
  };

  return (
    <Card size="small" title={t('calendar.addTitle')}>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} /> : null}
      <Form<EntryForm>
        form={form}
        name="calendar-entry"
        layout="vertical"
        onFinish={onFinish}
        disabled={put.isPending}
        initialValues={{ date: null, kind: 'holiday', name: '', confirmed: true }}
      >
        <Form.Item name="date" label={t('calendar.date')} rules={[requiredRule(t, 'calendar.date')]}>
          <IsoDatePicker min={`${calendar.year}-01-01`} max={`${calendar.year}-12-31`} />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')} rules={[requiredSelectRule(t, 'calendar.kind')]}>
          <Select
            options={(['holiday', 'makeup_workday', 'workday'] as const).map((k) => ({
              value: k,
              label: t(`calendar.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')} rules={[requiredRule(t, 'calendar.name')]}>
          <Input maxLength={30} placeholder={t('calendar.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="confirmed" valuePropName="checked">
          <Checkbox>{t('calendar.confirmedBox')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={put.isPending}>
          {t('calendar.add')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <Clause>{t('calendar.addClause')}</Clause>
      </div>
    </Card>
  );
}
