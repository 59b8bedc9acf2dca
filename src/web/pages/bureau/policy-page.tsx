import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import {
  ACTIVITY_CATEGORIES,
  ALWAYS_FORBIDDEN_KINDS,
  FUND_CATEGORIES,
  type PolicyField,
  type PolicyValue,
  policyChanges,
  SESSION_KINDS,
  type ServiceModel,
  validatePolicy,
} from '../../../domain/policy';
import { ApiError, pickLanguage } from '../../api/client';
import { useErrorText } from '../../api/error-text';
import { usePublishPolicy, useRegionPolicy } from '../../api/queries';
import type { PolicyVersion, RegionPolicyView } from '../../api/types';
import { Clause } from '../../components/clause';
import { IsoDatePicker } from '../../components/date-inputs';
import { requiredRule } from '../../components/form-rules';
import { PageError, PageSpin } from '../../components/page-state';
import { RegionSelect, useBureauRegion } from '../../components/region-select';
import { ALL_GRADES, gradeOptions } from '../../components/school-options';
import { formatDate, formatDateTime, todayInShanghai } from '../../i18n/format';
import { type MessageKey, useI18n, useT } from '../../i18n/i18n';
import { activityCategoryLabel, bilingual, fundCategoryLabel, sessionKindLabel } from '../../i18n/labels';
import {
  formatPolicyValue,
  formToPolicy,
  type PolicyFormValues,
  policyFieldLabel,
  policyToForm,
} from './policy-form';

interface FormValues extends PolicyFormValues {
  effectiveFrom: string | null;
  note?: string;
}

// Where a policy field sits in the form (the form keeps class hours and money as people write them).
const FORM_NAME: Partial<Record<PolicyField, string>> = {
  minClassHoursPerDayTenths: 'minClassHoursPerDay',
  feePerClassHourFen: 'feePerClassHourYuan',
  feeClassHoursPerDayTenths: 'feeClassHoursPerDay',
  staffWeeklyLimitMinutes: 'staffWeeklyLimitHours',
};

function formName(field: string): (string | number)[] {
  return (FORM_NAME[field as PolicyField] ?? field).split('.');
}

function versionState(version: PolicyVersion, inForce: PolicyVersion | null, today: string) {
  if (inForce?.versionId === version.versionId) return 'inForce' as const;
  if (version.effectiveFrom > today) return 'future' as const;
  return 'superseded' as const;
}

/** F-01 一县一策: the bureau's region policy — every parameter, what changes, versions. */
export function PolicyPage() {
  const t = useT();
  const bureauRegion = useBureauRegion();
  const policyQuery = useRegionPolicy(bureauRegion.regionId);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('policy.title')}
        </Typography.Title>
        <RegionSelect value={bureauRegion} />
      </Flex>
      {policyQuery.isPending ? (
        <PageSpin />
      ) : policyQuery.isError ? (
        <PageError error={policyQuery.error} onRetry={() => policyQuery.refetch()} />
      ) : (
        <PolicyEditor
          // A new region or a new version starts the form again from what is in force.
          key={`${bureauRegion.regionId}:${policyQuery.data.inForce?.versionId ?? 'none'}:${policyQuery.data.versions.length}`}
          view={policyQuery.data}
          regionName={bureauRegion.region?.name ?? ''}
        />
      )}
    </Flex>
  );
}

function PolicyEditor({ view, regionName }: { view: RegionPolicyView; regionName: string }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const publish = usePublishPolicy(view.regionId);
  const today = todayInShanghai();
  const inherited = view.sourceRegionId !== null && view.sourceRegionId !== view.regionId;
  const base = view.inForce?.policy ?? null;
  const initial = useMemo<FormValues>(
    () => ({ ...policyToForm(base ?? view.defaults['pilot-4']), effectiveFrom: today, note: '' }),
    [base, view.defaults, today],
  );
  const [values, setValues] = useState<FormValues>(initial);
  const [failure, setFailure] = useState<string | null>(null);

  const policy = useMemo(() => formToPolicy(values), [values]);
  const problems = useMemo(() => validatePolicy(policy), [policy]);
  const changes = useMemo(() => (base ? policyChanges(base, policy) : []), [base, policy]);
  const model: ServiceModel = values.model;

  // Live checks: each problem under its field (the server checks again on publishing).
  useEffect(() => {
    const byName = new Map<string, string[]>();
    for (const p of problems) {
      const name = formName(p.field).join('.');
      byName.set(name, [...(byName.get(name) ?? []), bilingual(lang, p.message)]);
    }
    const fields = Object.keys(FIELD_NAMES).map((name) => ({
      name: name.split('.'),
      errors: byName.get(name) ?? [],
    }));
    (form as FormInstance).setFields(fields);
  }, [problems, form, lang]);

  const loadDefaults = () => {
    const defaults = policyToForm(view.defaults[model]);
    form.setFieldsValue(defaults);
    setValues(form.getFieldsValue(true));
  };

  const onPublish = () => {
    setFailure(null);
    form
      .validateFields(['effectiveFrom'])
      .then(() => {
        const all = form.getFieldsValue(true) as FormValues;
        publish.mutate(
          {
            effectiveFrom: all.effectiveFrom ?? '',
            policy: formToPolicy(all),
            note: all.note?.trim() ? all.note.trim() : null,
          },
          {
            onSuccess: (created) => {
              message.success(t('policy.published', { version: created.version }));
            },
            onError: (error) => {
              const unmatched: string[] = [];
              if (error instanceof ApiError && error.fields.length > 0) {
                const fields = error.fields.map((f) => {
                  const path = f.path.replace(/^body\.(policy\.)?/, '');
                  return { name: formName(path), errors: [pickLanguage(f.message, lang)] };
                });
                (form as FormInstance).setFields(fields);
                if (fields.length === 0) unmatched.push(describe(error));
              }
              setFailure(unmatched.length > 0 ? unmatched.join(' ') : describe(error));
            },
          },
        );
      })
      .catch(() => undefined);
  };

  const clause = (key: MessageKey) => <Clause>{t(key)}</Clause>;
  const unused = (forModel: ServiceModel): ReactNode =>
    model === forModel ? null : (
      <Tag color="default" style={{ marginInlineStart: 8 }}>
        {t('policy.unusedInModel')}
      </Tag>
    );

  const canPublish = problems.length === 0 && (changes.length > 0 || base === null || inherited);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Flex vertical gap={16}>
          {view.inForce ? (
            <Alert
              type={inherited ? 'info' : 'success'}
              showIcon
              title={
                inherited
                  ? t('policy.inheritedTitle', { region: view.sourceRegionName ?? '' })
                  : t('policy.inForceTitle', {
                      version: view.inForce.version,
                      date: formatDate(view.inForce.effectiveFrom, lang),
                    })
              }
              description={
                inherited
                  ? t('policy.inheritedDesc', {
                      region: regionName,
                      source: view.sourceRegionName ?? '',
                      version: view.inForce.version,
                    })
                  : undefined
              }
              data-testid="policy-status"
            />
          ) : (
            <Alert type="warning" showIcon title={t('policy.noneTitle')} description={t('policy.noneDesc')} />
          )}
          <Form<FormValues>
            form={form}
            name="region-policy"
            layout="vertical"
            initialValues={initial}
            onValuesChange={() => setValues(form.getFieldsValue(true))}
            disabled={publish.isPending}
          >
            <Flex vertical gap={16}>
              <Card size="small" title={t('policy.section.model')}>
                <Form.Item name="model" label={t('policy.f.model')} extra={clause('policy.clause.model')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'pilot-4', label: t('policy.model.pilot-4') },
                      { value: '5+2', label: t('policy.model.5+2') },
                    ]}
                  />
                </Form.Item>
                <Button onClick={loadDefaults} style={{ marginBottom: 16 }} data-testid="load-defaults">
                  {t('policy.loadDefaults', { model: t(`policy.model.${model}`) })}
                </Button>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="daysPerWeek"
                      label={t('policy.f.daysPerWeek')}
                      extra={clause('policy.clause.daysPerWeek')}
                    >
                      <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="minClassHoursPerDay"
                      label={t('policy.f.minClassHoursPerDay')}
                      extra={clause('policy.clause.minClassHours')}
                    >
                      <InputNumber min={0.1} max={10} step={0.5} precision={1} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name="servedGrades"
                  label={t('policy.f.servedGrades')}
                  extra={clause('policy.clause.servedGrades')}
                >
                  <Checkbox.Group options={gradeOptions(lang, ALL_GRADES)} />
                </Form.Item>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={['classHourMinutes', 'primary']}
                      label={t('policy.f.classHourPrimary')}
                      extra={clause('policy.clause.classHour')}
                    >
                      <InputNumber
                        min={1}
                        max={90}
                        precision={0}
                        style={{ width: '100%' }}
                        suffix={t('unit.minutes')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={['classHourMinutes', 'juniorMiddle']}
                      label={t('policy.f.classHourJunior')}
                    >
                      <InputNumber
                        min={1}
                        max={90}
                        precision={0}
                        style={{ width: '100%' }}
                        suffix={t('unit.minutes')}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t('policy.section.times')}>
                <Row gutter={16}>
                  <Col xs={12} md={6}>
                    <Form.Item name={['summerSeason', 'from']} label={t('policy.f.summerFrom')}>
                      <Input placeholder="05-01" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={['summerSeason', 'to']} label={t('policy.f.summerTo')}>
                      <Input placeholder="09-30" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                </Row>
                <div className="kh-clause-row">{clause('policy.clause.summer')}</div>
                <Typography.Text strong>
                  {t('policy.endTimesHeading')}
                  {unused('pilot-4')}
                </Typography.Text>
                <Row gutter={16} style={{ marginTop: 8 }}>
                  <Col xs={12} md={6}>
                    <Form.Item name={['endTimes', 'summer']} label={t('policy.f.endSummer')}>
                      <Input placeholder="18:00" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={['endTimes', 'other']} label={t('policy.f.endOther')}>
                      <Input placeholder="17:30" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                </Row>
                <div className="kh-clause-row">{clause('policy.clause.endTimes')}</div>
                <Typography.Text strong>
                  {t('policy.offWorkHeading')}
                  {unused('5+2')}
                </Typography.Text>
                <Row gutter={16} style={{ marginTop: 8 }}>
                  <Col xs={12} md={6}>
                    <Form.Item name={['offWorkTimes', 'summer']} label={t('policy.f.offWorkSummer')}>
                      <Input placeholder="17:30" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={['offWorkTimes', 'other']} label={t('policy.f.offWorkOther')}>
                      <Input placeholder="17:30" maxLength={5} inputMode="numeric" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="endAfterOffWorkMinutes" label={t('policy.f.endAfterOffWork')}>
                      <InputNumber
                        min={0}
                        max={240}
                        precision={0}
                        style={{ width: '100%' }}
                        suffix={t('unit.minutes')}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <div className="kh-clause-row">{clause('policy.clause.offWork')}</div>
              </Card>

              <Card size="small" title={t('policy.section.staffing')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name={['staffing', 'studentsPerTeacher']} label={t('policy.f.perTeacher')}>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['staffing', 'teacherRounding']} label={t('policy.f.teacherRounding')}>
                      <Select options={roundingOptions(t)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['staffing', 'studentsPerManager']} label={t('policy.f.perManager')}>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={['staffing', 'managerRounding']} label={t('policy.f.managerRounding')}>
                      <Select options={roundingOptions(t)} />
                    </Form.Item>
                  </Col>
                </Row>
                <div className="kh-clause-row">{clause('policy.clause.staffing')}</div>
              </Card>

              <Card size="small" title={t('policy.section.fees')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="feePerClassHourYuan" label={t('policy.f.feePerClassHour')}>
                      <InputNumber
                        min={0}
                        precision={2}
                        style={{ width: '100%' }}
                        prefix="¥"
                        suffix={t('unit.yuan')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="feeClassHoursPerDay" label={t('policy.f.feeClassHours')}>
                      <InputNumber min={0} max={10} step={0.5} precision={1} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                <div className="kh-clause-row">{clause('policy.clause.fees')}</div>
              </Card>

              <Card size="small" title={t('policy.section.activities')}>
                <Form.Item
                  name="activityCategories"
                  label={t('policy.f.activityCategories')}
                  extra={clause('policy.clause.activities')}
                >
                  <Checkbox.Group
                    options={Object.keys(ACTIVITY_CATEGORIES).map((code) => ({
                      value: code,
                      label: activityCategoryLabel(lang, code),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="forbiddenKinds"
                  label={t('policy.f.forbiddenKinds')}
                  extra={clause('policy.clause.forbidden')}
                >
                  <Checkbox.Group
                    options={Object.keys(SESSION_KINDS).map((code) => ({
                      value: code,
                      label: sessionKindLabel(lang, code),
                      // B 六(二) 严禁: these two are always forbidden, a region may only add more.
                      disabled: (ALWAYS_FORBIDDEN_KINDS as readonly string[]).includes(code),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="fundCategories"
                  label={t('policy.f.fundCategories')}
                  extra={clause('policy.clause.funds')}
                >
                  <Checkbox.Group
                    options={Object.keys(FUND_CATEGORIES).map((code) => ({
                      value: code,
                      label: fundCategoryLabel(lang, code),
                    }))}
                  />
                </Form.Item>
              </Card>

              <Card size="small" title={t('policy.section.care')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="absenceFollowUpLimitMinutes"
                      label={t('policy.f.absenceLimit')}
                      extra={clause('policy.clause.absence')}
                    >
                      <InputNumber
                        min={1}
                        max={1440}
                        precision={0}
                        style={{ width: '100%' }}
                        suffix={t('unit.minutes')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="pickupGraceMinutes"
                      label={t('policy.f.pickupGrace')}
                      extra={clause('policy.clause.pickup')}
                    >
                      <InputNumber
                        min={0}
                        max={240}
                        precision={0}
                        style={{ width: '100%' }}
                        suffix={t('unit.minutes')}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t('policy.section.rotaCalendar')}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="staffWeeklyLimitHours"
                      label={t('policy.f.staffWeeklyLimit')}
                      extra={clause('policy.clause.staffWeeklyLimit')}
                    >
                      <InputNumber
                        min={1}
                        max={84}
                        step={0.5}
                        precision={1}
                        style={{ width: '100%' }}
                        suffix={t('unit.hoursPerWeek')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={['makeUpWorkdays', 'rule']}
                      label={t('policy.f.makeUpRule')}
                      extra={clause('policy.clause.makeUp')}
                    >
                      <Radio.Group
                        options={(['served', 'not_served', 'plan_chooses'] as const).map((value) => ({
                          value,
                          label: t(`policy.makeUp.${value}`),
                        }))}
                      />
                    </Form.Item>
                    {values.makeUpWorkdays?.rule === 'plan_chooses' ? (
                      <Form.Item name={['makeUpWorkdays', 'byDefault']} label={t('policy.f.makeUpDefault')}>
                        <Radio.Group
                          options={(['served', 'not_served'] as const).map((value) => ({
                            value,
                            label: t(`policy.makeUp.${value}`),
                          }))}
                        />
                      </Form.Item>
                    ) : null}
                  </Col>
                  {/* Issue 14.10: who may leave school alone, shown to guardians before they apply. */}
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="leaveAloneMinGrade"
                      label={t('guardianPhone.policy.leaveAloneMinGrade')}
                      extra={clause('guardianPhone.policy.leaveAloneClause')}
                    >
                      <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t('policy.section.publish')}>
                <Row gutter={16}>
                  <Col xs={24} md={10}>
                    <Form.Item
                      name="effectiveFrom"
                      label={t('policy.f.effectiveFrom')}
                      rules={[requiredRule(t, 'policy.f.effectiveFrom')]}
                      extra={clause('policy.clause.effective')}
                    >
                      <IsoDatePicker min={view.earliestEffectiveFrom} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item name="note" label={t('policy.f.note')}>
                      <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            </Flex>
          </Form>
          <VersionHistory view={view} today={today} />
        </Flex>
      </Col>
      <Col xs={24} xl={9}>
        <Flex vertical gap={16} className="kh-side-sticky">
          <Card size="small" title={t('policy.changesTitle')} data-testid="policy-changes">
            <Flex vertical gap={12}>
              {base === null ? (
                <Typography.Text>{t('policy.firstVersion')}</Typography.Text>
              ) : changes.length === 0 ? (
                <Typography.Text type="secondary">
                  {inherited ? t('policy.noChangesInherited') : t('policy.noChanges')}
                </Typography.Text>
              ) : (
                <ul className="kh-change-list">
                  {changes.map((c) => (
                    <li key={c.field}>
                      <Typography.Text strong>{policyFieldLabel(c.field, t)}</Typography.Text>
                      <div>
                        <Typography.Text delete type="secondary">
                          {formatPolicyValue(c.field, c.previous, lang, t)}
                        </Typography.Text>
                        {' → '}
                        <Typography.Text>{formatPolicyValue(c.field, c.next, lang, t)}</Typography.Text>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              {problems.length > 0 ? (
                <Alert
                  type="error"
                  showIcon
                  title={t('policy.problems', { count: problems.length })}
                  description={
                    <ul className="kh-change-list">
                      {problems.map((p) => (
                        <li key={`${p.field}:${p.message.en}`}>{bilingual(lang, p.message)}</li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
              {failure ? <Alert type="error" showIcon title={failure} /> : null}
              <Popconfirm
                title={t('policy.confirmTitle')}
                description={t('policy.confirmDesc', {
                  date: values.effectiveFrom ? formatDate(values.effectiveFrom, lang) : t('common.empty'),
                })}
                okText={t('policy.publish')}
                cancelText={t('common.cancel')}
                onConfirm={onPublish}
                disabled={!canPublish}
              >
                <Button type="primary" block disabled={!canPublish} loading={publish.isPending}>
                  {t('policy.publish')}
                </Button>
              </Popconfirm>
            </Flex>
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}

// Every form name the live check may mark, so that a fixed field loses its old message.
const FIELD_NAMES: Record<string, true> = Object.fromEntries(
  (
    [
      'model',
      'daysPerWeek',
      'servedGrades',
      'classHourMinutes.primary',
      'classHourMinutes.juniorMiddle',
      'minClassHoursPerDayTenths',
      'summerSeason.from',
      'summerSeason.to',
      'endTimes.summer',
      'endTimes.other',
      'offWorkTimes.summer',
      'offWorkTimes.other',
      'endAfterOffWorkMinutes',
      'staffing.studentsPerTeacher',
      'staffing.teacherRounding',
      'staffing.studentsPerManager',
      'staffing.managerRounding',
      'feePerClassHourFen',
      'feeClassHoursPerDayTenths',
      'activityCategories',
      'forbiddenKinds',
      'fundCategories',
      'absenceFollowUpLimitMinutes',
      'pickupGraceMinutes',
      'staffWeeklyLimitMinutes',
      'makeUpWorkdays.rule',
      'makeUpWorkdays.byDefault',
      'leaveAloneMinGrade',
    ] satisfies PolicyField[]
  ).map((field) => [formName(field).join('.'), true]),
);

function roundingOptions(t: (key: MessageKey) => string) {
  return [
    { value: 'floor', label: t('policy.rounding.floor') },
    { value: 'ceil', label: t('policy.rounding.ceil') },
  ];
}

function VersionHistory({ view, today }: { view: RegionPolicyView; today: string }) {
  const { lang, t } = useI18n();
  const versions = [...view.versions].reverse();
  return (
    <Card
      size="small"
      title={
        view.sourceRegionId !== view.regionId && view.sourceRegionName
          ? t('policy.historyOf', { region: view.sourceRegionName })
          : t('policy.history')
      }
      data-testid="policy-history"
    >
      {versions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.noVersions')} />
      ) : (
        <ol className="kh-version-list">
          {versions.map((v) => {
            const state = versionState(v, view.inForce, today);
            return (
              <li key={v.versionId}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{t('policy.versionN', { version: v.version })}</Typography.Text>
                  <Tag color={state === 'inForce' ? 'green' : state === 'future' ? 'blue' : 'default'}>
                    {t(`policy.state.${state}`)}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('policy.versionLine', {
                    date: formatDate(v.effectiveFrom, lang),
                    who: v.createdByName ?? t('audit.system'),
                    at: formatDateTime(v.createdAt, lang),
                  })}
                </Typography.Text>
                {v.note ? (
                  <Typography.Paragraph style={{ margin: '4px 0' }}>{v.note}</Typography.Paragraph>
                ) : null}
                {v.changes.length > 0 ? (
                  <ul className="kh-change-list kh-change-list-small">
                    {v.changes.map((c) => (
                      <li key={c.field}>
                        {policyFieldLabel(c.field, t)}
                        {lang === 'en' ? ': ' : '：'}
                        {formatPolicyValue(c.field as PolicyField, c.previous as PolicyValue, lang, t)} →{' '}
                        {formatPolicyValue(c.field as PolicyField, c.next as PolicyValue, lang, t)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Typography.Text type="secondary">{t('policy.firstOfRegion')}</Typography.Text>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
