import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  type FormInstance,
  Input,
  Popconfirm,
  Row,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { planServiceStart } from '../../../domain/plan';
import { checkPlan } from '../../../domain/plan-check';
import { makeUpWorkdaysServed } from '../../../domain/policy';
import { ApiError, pickLanguage } from '../../api/client';
import { useErrorText } from '../../api/error-text';
import { useNoServiceDays, usePlan, usePlanDecision, useSavePlan } from '../../api/queries';
import type { NoServiceDay, PlanDetail } from '../../api/types';
import { PageError, PageSpin } from '../../components/page-state';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import {
  FindingCounts,
  FindingsList,
  HistoryCard,
  LaborCostCard,
  latestReturn,
  PlanStatusTag,
  PolicyUsed,
  ServiceDaysCard,
} from '../plans/plan-parts';
import { PlanView } from '../plans/plan-view';
import { StartsOnField } from '../plans/starts-on-field';
import { liveServiceDays } from './live-service-days';
import { NoticeQrCard } from './notice-qr';
import {
  findingAnchor,
  formNameOfRequestPath,
  formToPlan,
  type PlanFormValues,
  planToForm,
} from './plan-form';
import {
  BasicsSection,
  BatchesSection,
  ContactsSection,
  GroupsSection,
  InsuranceSection,
  StaffSection,
  TimetableSection,
  VenuesSection,
} from './plan-form-sections';

/** F-02 一校一案: the school's plan for a term — the form with live findings, or the plan as submitted. */
export function PlanPage() {
  const { t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const { planId = null } = useParams();
  const planQuery = usePlan(schoolId, planId);
  const noServiceQuery = useNoServiceDays(schoolId, planQuery.data?.term.id ?? null);

  if (planQuery.isPending) return <PageSpin />;
  if (planQuery.isError) return <PageError error={planQuery.error} onRetry={() => planQuery.refetch()} />;
  const plan = planQuery.data;
  const editable = plan.status === 'draft' || plan.status === 'returned';
  const returned = plan.status === 'returned' ? latestReturn(plan.history) : null;

  return (
    <Flex vertical gap={16}>
      <Link to="/school/plans">
        <ArrowLeftOutlined /> {t('plan.backToList')}
      </Link>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          <MessageWithUserText
            text={t('plan.pageTitle', { term: '{term}' })}
            nodes={{ term: <NameText name={plan.term.name} /> }}
          />
        </Typography.Title>
        <PlanStatusTag status={plan.status} />
      </Flex>
      <PolicyUsed plan={plan} />
      {returned ? (
        <Alert
          type="warning"
          showIcon
          data-testid="bureau-comment"
          title={
            returned.actorName ? (
              <MessageWithUserText
                text={t('plan.returnedTitle', { who: '{who}' })}
                user={{ who: returned.actorName }}
              />
            ) : (
              t('plan.returnedTitle', { who: t('role.bureau') })
            )
          }
          description={
            <span style={{ whiteSpace: 'pre-wrap' }}>
              <UserText>{returned.comment}</UserText>
            </span>
          }
        />
      ) : null}
      {plan.status === 'submitted' ? <Alert type="info" showIcon title={t('plan.submittedInfo')} /> : null}
      {editable ? (
        <PlanEditor
          // After every save the form starts again from the plan the server holds.
          key={`${plan.id}:${plan.revision}:${plan.status}`}
          plan={plan}
          noServiceDays={noServiceQuery.data ?? []}
        />
      ) : (
        <ReadOnlyPlan plan={plan} />
      )}
    </Flex>
  );
}

function ReadOnlyPlan({ plan }: { plan: PlanDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const reopen = usePlanDecision(plan.schoolId, plan.id, 'reopen');
  const [reason, setReason] = useState('');
  return (
    <Row gutter={[16, 16]} align="top">
      <Col xs={24} xl={15}>
        <PlanView plan={plan.content} />
      </Col>
      <Col xs={24} xl={9}>
        <Flex vertical gap={16}>
          <NoticeQrCard schoolCode={plan.school.code} termCode={plan.term.code} notice={plan.notice} />
          {plan.status === 'approved' ? (
            <Card size="small" title={t('plan.amend')}>
              <Flex vertical gap={8} align="flex-start">
                <Typography.Text type="secondary">{t('plan.amendHint')}</Typography.Text>
                <Input.TextArea
                  aria-label={t('plan.amendReason')}
                  placeholder={t('plan.amendReason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  maxLength={1000}
                  autoSize={{ minRows: 2, maxRows: 5 }}
                />
                <Popconfirm
                  title={t('plan.amendConfirm')}
                  okText={t('plan.amend')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    reopen.mutate(
                      { revision: plan.revision, comment: reason.trim() || null },
                      {
                        onSuccess: () => message.success(t('plan.reopened')),
                        onError: (e) => message.error(describe(e)),
                      },
                    )
                  }
                >
                  <Button loading={reopen.isPending}>{t('plan.amend')}</Button>
                </Popconfirm>
              </Flex>
            </Card>
          ) : null}
          <Card
            size="small"
            title={t('plan.findings.title')}
            extra={<FindingCounts findings={plan.findings} />}
          >
            <FindingsList findings={plan.findings} />
          </Card>
          <HistoryCard history={plan.history} />
          <ServiceDaysCard plan={plan} />
          <LaborCostCard plan={plan} />
        </Flex>
      </Col>
    </Row>
  );
}

function jumpTo(field: string | undefined) {
  const anchor = findingAnchor(field);
  const element = anchor ? document.getElementById(anchor) : null;
  if (!element) return;
  element.scrollIntoView({ behavior: 'smooth', block: 'center' });
  element.classList.remove('kh-flash');
  // Restart the highlight when the same row is picked twice.
  void element.offsetWidth;
  element.classList.add('kh-flash');
}

function PlanEditor({ plan, noServiceDays }: { plan: PlanDetail; noServiceDays: readonly NoServiceDay[] }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const [form] = Form.useForm<PlanFormValues>();
  const initial = useMemo(() => planToForm(plan.content), [plan.content]);
  const [values, setValues] = useState<PlanFormValues>(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const save = useSavePlan(plan.schoolId, plan.id);
  const submit = usePlanDecision(plan.schoolId, plan.id, 'submit');
  const policy = plan.policyVersion.policy;

  const content = useMemo(() => formToPlan(values), [values]);
  const savedContent = useMemo(() => JSON.stringify(formToPlan(initial)), [initial]);
  const dirty = JSON.stringify(content) !== savedContent;

  // F-03 live: the same check the server runs, on what the form holds now. Unchanged since the last
  // save, the server's own findings are shown (its calendar knows every make-up working day).
  const findings = useMemo(() => {
    if (!dirty) return plan.findings;
    const serviceDays = liveServiceDays({
      // B 六(五): from the plan's start date, else the unified start date, as the server counts.
      term: { firstDay: planServiceStart(plan.term, content), lastDay: plan.term.lastDay },
      excluded: plan.serviceDays.excluded,
      makeUpDays: plan.serviceDays.makeUpDays,
      weekdays: content.weekdays,
      makeUpServed: makeUpWorkdaysServed(policy, content.makeUpWorkdays).served,
      noServiceDays,
      summerSeason: policy.summerSeason,
    });
    return checkPlan(policy, content, {
      serviceDays,
      schoolType: plan.school.type,
      schoolGrades: plan.school.grades,
      enrolledStudents: 0,
      today: todayInShanghai(),
      yearsAwaitingOfficialDates: plan.serviceDays.yearsAwaitingOfficialDates,
      unifiedStartDate: plan.term.unifiedStartDate,
      // Who is in charge once saved (in-charge.ts): the form's groups and staff against them.
      arrangement: plan.arrangement,
    });
  }, [dirty, plan, content, noServiceDays, policy]);
  const errors = findings.filter((f) => f.severity === 'error').length;

  const showFailure = (error: unknown) => {
    const unmatched: string[] = [];
    if (error instanceof ApiError && error.fields.length > 0) {
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const f of error.fields) {
        const name = formNameOfRequestPath(f.path);
        if (name) fields.push({ name, errors: [pickLanguage(f.message, lang)] });
        else unmatched.push(pickLanguage(f.message, lang));
      }
      (form as FormInstance).setFields(fields);
    }
    setFailure([describe(error), ...unmatched].join(' '));
  };

  const onSave = () => {
    setFailure(null);
    save.mutate(
      { revision: plan.revision, content },
      { onSuccess: () => message.success(t('plan.saved')), onError: showFailure },
    );
  };

  // A changed form is saved first: the bureau reviews exactly what was saved (B 六(五)).
  const onSubmit = async () => {
    setFailure(null);
    try {
      const revision = dirty
        ? (await save.mutateAsync({ revision: plan.revision, content })).revision
        : plan.revision;
      await submit.mutateAsync({ revision });
      message.success(t('plan.submitted'));
    } catch (error) {
      showFailure(error);
    }
  };

  const busy = save.isPending || submit.isPending;
  const sectionProps = { values, policy, schoolGrades: plan.school.grades };

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <ServiceDaysCard plan={plan} stale={dirty} />
              </Col>
              <Col xs={24} md={12}>
                <LaborCostCard plan={plan} stale={dirty} />
              </Col>
            </Row>
            <Form<PlanFormValues>
              form={form}
              name="term-plan"
              layout="vertical"
              initialValues={initial}
              onValuesChange={() => setValues(form.getFieldsValue(true))}
              // Adding or removing a row of a list changes the fields without a typed value.
              onFieldsChange={() => setValues(form.getFieldsValue(true))}
              disabled={busy}
            >
              <Flex vertical gap={16}>
                <StartsOnField term={plan.term} />
                <BasicsSection {...sectionProps} />
                <TimetableSection {...sectionProps} />
                <BatchesSection />
                <VenuesSection {...sectionProps} />
                <StaffSection {...sectionProps} />
                <GroupsSection {...sectionProps} />
                <ContactsSection />
                <InsuranceSection {...sectionProps} />
              </Flex>
            </Form>
            <HistoryCard history={plan.history} />
            <NoticeQrCard schoolCode={plan.school.code} termCode={plan.term.code} notice={plan.notice} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16} className="kh-side-sticky">
            <Card size="small" title={t('plan.actions')} data-testid="plan-actions">
              <Flex vertical gap={12}>
                <Typography.Text type="secondary">
                  {dirty ? t('plan.unsaved') : t('plan.savedRevision', { revision: plan.revision })}
                </Typography.Text>
                {failure ? <Alert type="error" showIcon title={failure} data-testid="plan-failure" /> : null}
                <Flex gap={8} wrap>
                  <Button
                    onClick={onSave}
                    loading={save.isPending && !submit.isPending}
                    disabled={busy || !dirty}
                  >
                    {t('plan.saveDraft')}
                  </Button>
                  <Button
                    type="primary"
                    onClick={onSubmit}
                    loading={submit.isPending}
                    disabled={busy || errors > 0}
                    data-testid="plan-submit"
                  >
                    {plan.status === 'returned' ? t('plan.resubmit') : t('plan.submit')}
                  </Button>
                </Flex>
                {errors > 0 ? (
                  <Typography.Text type="danger">
                    {errors === 1 ? t('plan.submitBlockedOne') : t('plan.submitBlocked', { count: errors })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </Card>
            <Card
              size="small"
              title={dirty ? t('plan.findings.liveTitle') : t('plan.findings.title')}
              extra={<FindingCounts findings={findings} />}
              data-testid="plan-findings"
              id="plan-findings"
            >
              <FindingsList findings={findings} onJump={jumpTo} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {/* Below 1200 px the findings sit under the long form: their count stays in view at the bottom. */}
      <div className="kh-mobile-bar">
        <FindingCounts findings={findings} />
        <Flex gap={8}>
          <Button size="small" onClick={() => jumpTo('findings')}>
            {t('plan.findings.show')}
          </Button>
          <Button size="small" onClick={onSave} disabled={busy || !dirty}>
            {t('plan.saveDraft')}
          </Button>
        </Flex>
      </div>
    </>
  );
}
