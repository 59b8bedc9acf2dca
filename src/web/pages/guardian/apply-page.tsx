// F-06 自愿报名 on a phone, reached from the public notice (/guardian/apply?school=…&term=…): choose
// the child, the days (a subset of the notice's), the departure batch (C 2), extended custody with
// its reason (C 延时托管), the pickup persons, whether the child may leave alone (an explicit
// statement), and the consent to the notice version read (B 四(一) 自愿参加).
import { Alert, Button, Checkbox, Empty, Flex, Form, Input, Radio, Result, Skeleton, Switch } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type ApplicationForm,
  useApplicationForm,
  useSubmitApplication,
} from '../../api/application-queries';
import { ApiError } from '../../api/client';
import { formFailure } from '../../api/error-text';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { classLabel, formatDate, formatGrades, gradeName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ApplicationSummary, StatusTag } from './application-status';

const MAX_PICKUP = 5;
type Child = ApplicationForm['children'][number];

interface Values {
  weekdays: number[];
  departureBatch: string;
  extendedCustody: boolean;
  extendedCustodyReason?: string;
  mayLeaveAlone: boolean;
  pickupPersons: { name: string; relation: string; phone: string }[];
  consent: boolean;
}

/** Big toggle buttons for the days: easier to hit on a phone than checkboxes. */
function DayToggles({
  days,
  value = [],
  onChange,
}: {
  days: number[];
  value?: number[];
  onChange?: (v: number[]) => void;
}) {
  const { t } = useI18n();
  return (
    <Flex gap={8} wrap role="group">
      {days.map((d) => {
        const on = value.includes(d);
        return (
          <Button
            key={d}
            type={on ? 'primary' : 'default'}
            aria-pressed={on}
            style={{ minWidth: 72, height: 48 }}
            data-testid={`day-${d}`}
            onClick={() =>
              onChange?.(on ? value.filter((x) => x !== d) : [...value, d].sort((a, b) => a - b))
            }
          >
            {t(`weekday.${d}` as 'weekday.1')}
          </Button>
        );
      })}
    </Flex>
  );
}

function ApplyForm({ form: data, child }: { form: ApplicationForm; child: Child }) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitApplication();
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const extended = Form.useWatch('extendedCustody', form);
  const alone = Form.useWatch('mayLeaveAlone', form);
  const noticeHref = `/notice/${encodeURIComponent(data.school.code)}/${encodeURIComponent(data.term.code)}`;
  // B 二 夏令时/非夏令时: the batches of the season in force are offered; the other season's are
  // explained with the date they start (a summer-only 18:00 batch is not offered in December).
  const season = data.season.current;
  const offered = data.notice.departureBatches.filter((b) => b.seasons.includes(season));
  const later = data.notice.departureBatches.filter((b) => !b.seasons.includes(season));

  const onFinish = async (values: Values) => {
    setFailure(null);
    setStale(false);
    try {
      await submit.mutateAsync({
        schoolId: data.school.id,
        studentId: child.studentId,
        body: {
          termId: data.term.id,
          noticeVersion: data.notice.version,
          weekdays: values.weekdays,
          departureBatch: values.departureBatch,
          extendedCustody: values.extendedCustody,
          extendedCustodyReason: values.extendedCustody ? (values.extendedCustodyReason ?? '') : null,
          mayLeaveAlone: values.mayLeaveAlone,
          pickupPersons: values.pickupPersons ?? [],
          consent: true,
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOTICE_CHANGED') setStale(true);
      else setFailure(formFailure(form, error, lang, t));
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
      initialValues={{
        weekdays: data.notice.weekdays,
        departureBatch: offered[0]?.name,
        extendedCustody: false,
        mayLeaveAlone: false,
        pickupPersons: child.pickupPersons.length
          ? child.pickupPersons.map((p) => ({ name: p.name, relation: p.relation, phone: p.phone }))
          : [{ name: '', relation: '', phone: '' }],
        consent: false,
      }}
      data-testid="apply-form"
    >
      <Flex vertical gap={12}>
        <Panel title={t('apply.days')}>
          <Form.Item
            name="weekdays"
            extra={t('apply.daysHint')}
            rules={[
              { type: 'array', min: 1, message: t('common.selectRequired', { label: t('apply.days') }) },
            ]}
            style={{ marginBottom: 0 }}
          >
            <DayToggles days={data.notice.weekdays} />
          </Form.Item>
        </Panel>

        <Panel title={t('apply.batch')}>
          <Flex vertical gap={8}>
            {later.length > 0 ? (
              <Muted>
                {t('guardianPhone.batch.seasonNow', { season: t(`guardianPhone.season.${season}`) })}
              </Muted>
            ) : null}
            <Form.Item name="departureBatch" style={{ marginBottom: 0 }}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {offered.map((b) => (
                  <Radio key={b.name} value={b.name} style={{ minHeight: 44, alignItems: 'center' }}>
                    <span data-testid="batch-option">
                      {t('apply.batchOption', { name: b.name, time: b.time })}
                    </span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            {later.map((b) => (
              <div key={b.name} data-testid="batch-other-season">
                <Muted>
                  {t('guardianPhone.batch.otherSeason', {
                    name: b.name,
                    time: b.time,
                    season: t(`guardianPhone.season.${data.season.other}`),
                    date: formatDate(data.season.otherFrom, lang),
                  })}
                </Muted>
              </div>
            ))}
            {later.length > 0 ? <Muted>{t('guardianPhone.batch.otherSeasonHint')}</Muted> : null}
          </Flex>
        </Panel>

        {data.notice.extendedCustodyOffered ? (
          <Panel title={t('apply.extended')}>
            <Flex vertical gap={8}>
              <Muted>{t('apply.extendedHint')}</Muted>
              <Form.Item name="extendedCustody" valuePropName="checked" style={{ marginBottom: 0 }}>
                <Switch aria-label={t('apply.extended')} data-testid="extended-switch" />
              </Form.Item>
              {extended ? (
                <Form.Item
                  name="extendedCustodyReason"
                  label={t('apply.extendedReason')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('common.required', { label: t('apply.extendedReason') }),
                    },
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea rows={2} maxLength={200} showCount />
                </Form.Item>
              ) : null}
            </Flex>
          </Panel>
        ) : null}

        <Panel title={t('apply.pickup')}>
          <Muted>{t('apply.pickupHint', { max: MAX_PICKUP })}</Muted>
          <Form.List name="pickupPersons">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginTop: 8 }}>
                {fields.map((field, index) => (
                  <Flex
                    key={field.key}
                    vertical
                    gap={0}
                    style={{ borderTop: index ? '1px solid #f0f0f0' : undefined, paddingTop: index ? 8 : 0 }}
                    data-testid="pickup-row"
                  >
                    <Flex gap={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('apply.pickupName')}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('common.required', { label: t('apply.pickupName') }),
                          },
                        ]}
                        style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                      >
                        <Input maxLength={40} autoComplete="name" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'relation']}
                        label={t('apply.pickupRelation')}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('common.required', { label: t('apply.pickupRelation') }),
                          },
                        ]}
                        style={{ width: 96, marginBottom: 8 }}
                      >
                        <Input maxLength={20} />
                      </Form.Item>
                    </Flex>
                    <Flex gap={8} align="flex-start">
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('apply.pickupPhone')}
                        rules={[
                          {
                            required: true,
                            pattern: /^\s*(\+?86)?[\s-]*1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}\s*$/,
                            message: t('apply.phoneInvalid'),
                          },
                        ]}
                        style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                      >
                        <Input inputMode="tel" autoComplete="tel" maxLength={20} />
                      </Form.Item>
                      <Button
                        onClick={() => remove(field.name)}
                        style={{ marginTop: 30 }}
                        aria-label={t('apply.pickupRemove')}
                      >
                        {t('apply.pickupRemove')}
                      </Button>
                    </Flex>
                  </Flex>
                ))}
                {fields.length < MAX_PICKUP ? (
                  <Button
                    block
                    onClick={() => add({ name: '', relation: '', phone: '' })}
                    data-testid="pickup-add"
                  >
                    {t('apply.pickupAdd')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Panel>

        <Panel title={t('apply.leaveAlone')}>
          <Flex vertical gap={8}>
            {/* The region's rule, shown before the switch can be set (RegionPolicy.leaveAloneMinGrade). */}
            <div data-testid="leave-alone-rule">
              <Muted>
                {t('guardianPhone.leaveAlone.rule', { grade: gradeName(data.leaveAlone.minGrade, lang) })}
              </Muted>
            </div>
            {!child.mayLeaveAlone ? (
              <Alert
                type="info"
                showIcon
                title={t('guardianPhone.leaveAlone.below', {
                  name: child.name,
                  grade: gradeName(child.grade, lang),
                })}
                data-testid="leave-alone-below"
              />
            ) : null}
            <Form.Item name="mayLeaveAlone" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Switch
                aria-label={t('apply.leaveAlone')}
                data-testid="leave-alone-switch"
                disabled={!child.mayLeaveAlone}
              />
            </Form.Item>
            {alone ? <Alert type="warning" showIcon title={t('apply.leaveAloneWarning')} /> : null}
          </Flex>
        </Panel>

        <Panel>
          <Flex vertical gap={8}>
            <Muted>
              {t('apply.noticeVersion', {
                version: data.notice.version,
                date: formatDate(data.notice.publishedAt, lang),
              })}{' '}
              <a href={noticeHref}>{t('apply.readNotice')}</a>
            </Muted>
            <Form.Item
              name="consent"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error(t('apply.consentRequired'))),
                },
              ]}
              style={{ marginBottom: 0 }}
            >
              <Checkbox data-testid="consent">{t('apply.consent')}</Checkbox>
            </Form.Item>
          </Flex>
        </Panel>

        {stale ? (
          <Alert
            type="warning"
            showIcon
            title={t('apply.noticeChanged')}
            action={<a href={noticeHref}>{t('apply.readNotice')}</a>}
          />
        ) : null}
        {failure ? <Alert type="error" showIcon title={failure} /> : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={submit.isPending}
          data-testid="apply-submit"
        >
          {t('apply.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

function ChildChoice({ child, onChoose }: { child: Child; onChoose: () => void }) {
  const { lang } = useI18n();
  return (
    <Button
      block
      onClick={onChoose}
      disabled={!child.eligible}
      style={{ height: 'auto', padding: 12, textAlign: 'left', justifyContent: 'flex-start' }}
      data-testid="choose-child"
    >
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={8} align="center" wrap>
          <strong>{child.name}</strong>
          <StatusTag status={child.application?.status ?? null} />
        </Flex>
        <Muted>{classLabel(child.grade, child.className, lang)}</Muted>
      </Flex>
    </Button>
  );
}

/** `/guardian/apply?school=<code>&term=<code>`. */
export function ApplyPage() {
  const { lang, t } = useI18n();
  const [params] = useSearchParams();
  const school = params.get('school');
  const term = params.get('term');
  const query = useApplicationForm(school, term);
  const [chosen, setChosen] = useState<string | null>(null);
  const children = query.data?.children;
  const eligible = useMemo(() => (children ?? []).filter((c) => c.eligible), [children]);
  // One child who can apply: no choice to make.
  useEffect(() => {
    if (chosen === null && children && children.length === 1 && eligible.length === 1) {
      setChosen(eligible[0]?.studentId ?? null);
    }
  }, [chosen, children, eligible]);

  if (!school || !term) {
    return (
      <Result
        status="warning"
        title={t('apply.notOpen')}
        extra={<Link to="/guardian">{t('apply.myChildren')}</Link>}
      />
    );
  }
  if (query.isPending) {
    return (
      <Panel>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Panel>
    );
  }
  if (query.isError) {
    const closed =
      query.error instanceof ApiError &&
      ['NOTICE_NOT_PUBLISHED', 'VALIDATION_FAILED'].includes(query.error.code);
    return closed ? (
      <Result
        status="info"
        title={t('apply.notOpen')}
        extra={<Link to="/guardian">{t('apply.myChildren')}</Link>}
      />
    ) : (
      <PageError error={query.error} onRetry={() => query.refetch()} />
    );
  }
  const data = query.data;
  const child = data.children.find((c) => c.studentId === chosen) ?? null;
  const live = child?.application && child.application.status !== 'withdrawn' ? child.application : null;
  const grades = formatGrades(data.notice.grades, lang);

  return (
    <Flex vertical gap={12} data-testid="apply-page">
      <Flex vertical gap={2}>
        <Heading>{t('apply.title')}</Heading>
        <Muted>
          {data.school.name} · {data.term.name}
        </Muted>
      </Flex>
      {data.children.length === 0 ? (
        <Panel>
          <Empty description={t('apply.noChildren')} />
        </Panel>
      ) : child === null ? (
        <Panel title={t('apply.chooseChild')}>
          <Flex vertical gap={8}>
            {data.children.map((c) => (
              <ChildChoice key={c.studentId} child={c} onChoose={() => setChosen(c.studentId)} />
            ))}
            {data.children.some((c) => !c.eligible) ? (
              <Muted>{t('apply.notEligible', { grades })}</Muted>
            ) : null}
          </Flex>
        </Panel>
      ) : (
        <>
          <Panel
            title={child.name}
            extra={
              data.children.length > 1 ? (
                <Button type="link" onClick={() => setChosen(null)}>
                  {t('apply.back')}
                </Button>
              ) : null
            }
          >
            <Muted>{classLabel(child.grade, child.className, lang)}</Muted>
          </Panel>
          {live ? (
            <Panel title={t('apply.status')} data-testid="apply-status">
              <Flex vertical gap={12}>
                {live.status === 'submitted' ? (
                  <Alert type="success" showIcon title={t('apply.submitted')} />
                ) : null}
                <ApplicationSummary application={live} withdrawalEffectiveFrom={null} />
                <Link to="/guardian">{t('apply.myChildren')}</Link>
              </Flex>
            </Panel>
          ) : (
            <ApplyForm key={`${child.studentId}:${data.notice.version}`} form={data} child={child} />
          )}
        </>
      )}
    </Flex>
  );
}
