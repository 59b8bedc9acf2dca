import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  Row,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { formFailure } from '../../api/error-text';
import { useCreateTerm, useRegions, useRegionTerms, useUpdateTerm } from '../../api/queries';
import type { Term, TermInput } from '../../api/types';
import { Clause } from '../../components/clause';
import { IsoDatePicker } from '../../components/date-inputs';
import { requiredRule } from '../../components/form-rules';
import { PageError } from '../../components/page-state';
import { RegionSelect, useBureauRegion } from '../../components/region-select';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { formatDate, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

const TERM_CODE = /^(\d{4})-(\d{4})-([12])$/;

/** 2026-2027-1 → 2026–2027学年第一学期 (the name schools use). */
export function termNameFromCode(code: string, lang: 'zh-CN' | 'en'): string | null {
  const m = TERM_CODE.exec(code.trim());
  if (!m) return null;
  if (lang === 'en') return `${m[1]}–${m[2]} ${m[3] === '1' ? 'autumn' : 'spring'} term`;
  return `${m[1]}–${m[2]}学年${m[3] === '1' ? '第一学期' : '第二学期'}`;
}

interface TermForm {
  code: string;
  name: string;
  firstDay: string | null;
  lastDay: string | null;
  unifiedStartDate: string | null;
}

/** F-04, B 六(五): the region's terms with the unified start date of the service. */
export function TermsPage() {
  const { lang, t } = useI18n();
  const bureauRegion = useBureauRegion();
  const termsQuery = useRegionTerms(bureauRegion.regionId);
  const regionsQuery = useRegions();
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const today = todayInShanghai();

  const regionName = useMemo(
    () => new Map((regionsQuery.data ?? []).map((r) => [r.id, r.name])),
    [regionsQuery.data],
  );
  const terms = termsQuery.data ?? [];
  const inheritedFrom = terms.find((term) => term.regionId !== bureauRegion.regionId)?.regionId ?? null;
  // A bureau changes the terms of its own region and those below it, not its city's.
  const editable = (term: Term) => bureauRegion.regions.some((r) => r.id === term.regionId);

  const empty = t('common.empty');
  const columns: TableColumnsType<Term> = [
    {
      title: t('terms.name'),
      key: 'name',
      render: (_, term) => (
        <Flex vertical>
          <Typography.Text strong>
            <NameText name={term.name} />
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {term.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('terms.firstDay'),
      key: 'first',
      render: (_, term) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(term.firstDay, lang)}</span>,
    },
    {
      title: t('terms.lastDay'),
      key: 'last',
      render: (_, term) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(term.lastDay, lang)}</span>,
    },
    {
      title: t('terms.unifiedStart'),
      key: 'start',
      render: (_, term) =>
        term.unifiedStartDate ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(term.unifiedStartDate, lang)}</span>
        ) : (
          <Typography.Text type="warning">{t('terms.noStart')}</Typography.Text>
        ),
    },
    {
      title: t('terms.state'),
      key: 'state',
      render: (_, term) =>
        term.lastDay < today ? (
          <Tag>{t('terms.past')}</Tag>
        ) : term.firstDay > today ? (
          <Tag color="blue">{t('terms.upcoming')}</Tag>
        ) : (
          <Tag color="green">{t('terms.current')}</Tag>
        ),
    },
    {
      title: t('terms.setBy'),
      key: 'region',
      render: (_, term) => {
        const name = regionName.get(term.regionId);
        return name ? <UserText>{name}</UserText> : empty;
      },
    },
    {
      title: t('common.actions'),
      key: 'edit',
      fixed: 'right',
      render: (_, term) =>
        editable(term) ? (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(term)}
            data-testid={`edit-term-${term.code}`}
          >
            {t('terms.edit')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('terms.inheritedShort')}</Typography.Text>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('terms.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <RegionSelect value={bureauRegion} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('terms.create')}
          </Button>
        </Flex>
      </Flex>
      <Clause>{t('terms.clause')}</Clause>
      {inheritedFrom ? (
        <Alert
          type="info"
          showIcon
          title={
            <MessageWithUserText
              text={t('terms.inherited', { region: '{region}', source: '{source}' })}
              user={{ region: bureauRegion.region?.name ?? '', source: regionName.get(inheritedFrom) ?? '' }}
            />
          }
        />
      ) : null}
      {termsQuery.isError ? (
        <PageError error={termsQuery.error} onRetry={() => termsQuery.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Term>
            rowKey="id"
            columns={columns}
            dataSource={[...terms].sort((a, b) => b.firstDay.localeCompare(a.firstDay))}
            loading={termsQuery.isPending}
            scroll={{ x: 'max-content' }}
            pagination={false}
            locale={{ emptyText: t('terms.empty') }}
          />
        </Card>
      )}
      {bureauRegion.regionId ? (
        <TermDrawer
          key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id}
          regionId={bureauRegion.regionId}
          term={editing}
          onClose={() => setEditing(null)}
          replacesInherited={editing === 'new' && inheritedFrom !== null}
        />
      ) : null}
    </Flex>
  );
}

function TermDrawer({
  regionId,
  term,
  onClose,
  replacesInherited,
}: {
  regionId: string;
  term: Term | 'new' | null;
  onClose: () => void;
  replacesInherited: boolean;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TermForm>();
  const create = useCreateTerm(regionId);
  const update = useUpdateTerm();
  const [failure, setFailure] = useState<string | null>(null);
  const [nameTouched, setNameTouched] = useState(false);
  const creating = term === 'new';
  const firstDay = Form.useWatch('firstDay', form) ?? undefined;
  const lastDay = Form.useWatch('lastDay', form) ?? undefined;
  const busy = create.isPending || update.isPending;

  const initial: TermForm =
    term && term !== 'new'
      ? {
          code: term.code,
          name: term.name,
          firstDay: term.firstDay,
          lastDay: term.lastDay,
          unifiedStartDate: term.unifiedStartDate,
        }
      : { code: '', name: '', firstDay: null, lastDay: null, unifiedStartDate: null };

  const onFinish = (values: TermForm) => {
    setFailure(null);
    const input: TermInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      firstDay: values.firstDay ?? '',
      lastDay: values.lastDay ?? '',
      unifiedStartDate: values.unifiedStartDate ?? null,
    };
    const onError = (error: unknown) => setFailure(formFailure(form, error, lang, t));
    if (creating) {
      create.mutate(input, {
        onSuccess: (created) => {
          message.success(t('terms.created', { name: created.name }));
          onClose();
        },
        onError,
      });
    } else if (term) {
      const { code: _code, ...change } = input;
      update.mutate(
        { termId: term.id, change },
        {
          onSuccess: (saved) => {
            message.success(t('terms.saved', { name: saved.name }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Drawer
      title={creating ? t('terms.create') : t('terms.edit')}
      open={term !== null}
      onClose={onClose}
      size="min(520px, 100vw)"
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {creating ? t('common.create') : t('common.save')}
          </Button>
        </Flex>
      }
    >
      {replacesInherited ? (
        <Alert type="warning" showIcon title={t('terms.replacesInherited')} style={{ marginBottom: 16 }} />
      ) : null}
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form<TermForm>
        form={form}
        name="term"
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        disabled={busy}
        onValuesChange={(changed: Partial<TermForm>) => {
          if (changed.name !== undefined) setNameTouched(true);
          // The name follows the code until the bureau writes its own.
          if (changed.code !== undefined && creating && !nameTouched) {
            const suggested = termNameFromCode(changed.code, lang);
            if (suggested) form.setFieldValue('name', suggested);
          }
        }}
      >
        <Form.Item
          name="code"
          label={t('terms.code')}
          extra={t('terms.codeHint')}
          rules={[requiredRule(t, 'terms.code'), { pattern: TERM_CODE, message: t('terms.codeInvalid') }]}
        >
          <Input disabled={!creating} placeholder="2026-2027-2" maxLength={11} />
        </Form.Item>
        <Form.Item name="name" label={t('terms.name')} rules={[requiredRule(t, 'terms.name')]}>
          <Input maxLength={40} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="firstDay"
              label={t('terms.firstDay')}
              rules={[requiredRule(t, 'terms.firstDay')]}
            >
              <IsoDatePicker max={lastDay} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="lastDay" label={t('terms.lastDay')} rules={[requiredRule(t, 'terms.lastDay')]}>
              <IsoDatePicker min={firstDay} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="unifiedStartDate"
          label={t('terms.unifiedStart')}
          extra={<Clause>{t('terms.clause')}</Clause>}
        >
          <IsoDatePicker min={firstDay} max={lastDay} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
