import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useErrorText } from '../../api/error-text';
import { usePlan, usePlanDecision } from '../../api/queries';
import type { PlanDetail, PublicNotice } from '../../api/types';
import { PageError, PageSpin } from '../../components/page-state';
import { MessageWithUserText, NameText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import {
  FindingCounts,
  FindingsList,
  HistoryCard,
  LaborCostCard,
  PlanStatusTag,
  PolicyUsed,
  ServiceDaysCard,
} from '../plans/plan-parts';
import { PlanView } from '../plans/plan-view';
import { InChargeList } from '../public/in-charge-list';
import { noticePath } from '../public/notice-address';

/** B 六(五) 报市教育局审定: one school's plan, read-only, with its findings; return it or approve it. */
export function PlanReviewPage() {
  const { t } = useI18n();
  const { schoolId = null, planId = null } = useParams();
  const planQuery = usePlan(schoolId, planId);
  if (planQuery.isPending) return <PageSpin />;
  if (planQuery.isError) return <PageError error={planQuery.error} onRetry={() => planQuery.refetch()} />;
  const plan = planQuery.data;
  return (
    <Flex vertical gap={16}>
      <Link to="/bureau/plans">
        <ArrowLeftOutlined /> {t('planReview.back')}
      </Link>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          <MessageWithUserText
            text={t('planReview.planTitle', { school: '{school}', term: '{term}' })}
            user={{ school: plan.school.name }}
            nodes={{ term: <NameText name={plan.term.name} /> }}
          />
        </Typography.Title>
        <PlanStatusTag status={plan.status} />
      </Flex>
      <PolicyUsed plan={plan} />
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={15}>
          <PlanView plan={plan.content} />
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Decision plan={plan} />
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
    </Flex>
  );
}

function Decision({ plan }: { plan: PlanDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [missingComment, setMissingComment] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const returnPlan = usePlanDecision(plan.schoolId, plan.id, 'return');
  const approvePlan = usePlanDecision(plan.schoolId, plan.id, 'approve');
  const busy = returnPlan.isPending || approvePlan.isPending;

  if (plan.status !== 'submitted') {
    const noticeUrl = noticePath({ schoolCode: plan.school.code, termCode: plan.term.code });
    return (
      <Card size="small" title={t('planReview.decision')}>
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t(`planReview.state.${plan.status}`)}</Typography.Text>
          {plan.notice ? (
            <Link to={noticeUrl} target="_blank" data-testid="notice-link">
              {t('plan.notice.open', { version: plan.notice.version })}
            </Link>
          ) : null}
        </Flex>
      </Card>
    );
  }

  const done = (key: 'planReview.returned' | 'planReview.approved') => () => {
    setComment('');
    message.success(t(key));
  };
  const onReturn = () => {
    setFailure(null);
    if (!comment.trim()) {
      setMissingComment(true);
      return;
    }
    returnPlan.mutate(
      { revision: plan.revision, comment: comment.trim() },
      { onSuccess: done('planReview.returned'), onError: (e) => setFailure(describe(e)) },
    );
  };
  // B 五(一) 服务公示: approval publishes the notice at once, so the bureau first sees what it publishes.
  const onApprove = () => {
    setFailure(null);
    setConfirming(true);
  };
  const onConfirm = () => {
    approvePlan.mutate(
      { revision: plan.revision, comment: comment.trim() || null },
      {
        onSuccess: () => {
          setConfirming(false);
          done('planReview.approved')();
        },
        onError: (e) => {
          setConfirming(false);
          setFailure(describe(e));
        },
      },
    );
  };
  const errors = plan.findings.filter((f) => f.severity === 'error').length;

  return (
    <Card size="small" title={t('planReview.decision')} data-testid="plan-decision">
      <Flex vertical gap={12}>
        {errors > 0 ? (
          <Alert type="error" showIcon title={t('planReview.hasErrors', { count: errors })} />
        ) : null}
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('planReview.comment')}
            extra={t('planReview.commentHint')}
            validateStatus={missingComment ? 'error' : undefined}
            help={missingComment ? t('planReview.commentRequired') : undefined}
            style={{ marginBottom: 0 }}
            htmlFor="plan-review-comment"
          >
            <Input.TextArea
              id="plan-review-comment"
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setMissingComment(false);
              }}
              maxLength={1000}
              autoSize={{ minRows: 3, maxRows: 8 }}
              disabled={busy}
            />
          </Form.Item>
        </Form>
        {failure ? <Alert type="error" showIcon title={failure} /> : null}
        <Flex gap={8} wrap>
          <Button danger onClick={onReturn} loading={returnPlan.isPending} disabled={busy}>
            {t('planReview.return')}
          </Button>
          <Button type="primary" onClick={onApprove} loading={approvePlan.isPending} disabled={busy}>
            {t('planReview.approve')}
          </Button>
        </Flex>
      </Flex>
      {plan.noticePreview ? (
        <Modal
          open={confirming}
          title={t('planReview.confirm.title')}
          okText={t('planReview.confirm.ok')}
          cancelText={t('planReview.confirm.cancel')}
          onOk={onConfirm}
          onCancel={() => setConfirming(false)}
          confirmLoading={approvePlan.isPending}
          width={640}
          destroyOnHidden
        >
          <ApprovalPreview plan={plan} preview={plan.noticePreview} />
        </Modal>
      ) : null}
    </Card>
  );
}

/**
 * What the approval publishes (F-05): the notice's essentials as parents will read them — when it is
 * published, the service days and hours, the fee, the groups and the people in charge.
 */
function ApprovalPreview({ plan, preview }: { plan: PlanDetail; preview: PublicNotice }) {
  const { lang, t } = useI18n();
  const text = (value: { zh: string; en: string }) => (lang === 'en' ? value.en : value.zh);
  const sep = lang === 'en' ? ', ' : '、';
  const days = plan.serviceDays;
  const starts = preview.schedule.flatMap((d) => d.sessions.map((s) => s.start)).sort();
  const items = [
    {
      key: 'publishedOn',
      label: t('planReview.confirm.publishedOn'),
      children: formatDate(preview.publishedAt, lang),
    },
    {
      key: 'days',
      label: t('planReview.confirm.days'),
      children: (
        <>
          <div>{preview.schedule.map((d) => text(d.label)).join(sep)}</div>
          {days.firstDay && days.lastDay ? (
            <div>
              {t('planReview.confirm.dayCount', {
                first: formatDate(days.firstDay, lang),
                last: formatDate(days.lastDay, lang),
                count: days.count,
              })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: 'times',
      label: t('planReview.confirm.times'),
      children: t('planReview.confirm.timesLine', {
        start: starts[0] ?? '—',
        summer: preview.endTimes.summer,
        other: preview.endTimes.other,
      }),
    },
    { key: 'fee', label: t('planReview.confirm.fee'), children: text(preview.fees.text) },
    {
      key: 'staff',
      label: t('notice.staff'),
      children: preview.staff
        .map((p) => (lang === 'en' ? `${p.name} (${p.role.en})` : `${p.name}（${p.role.zh}）`))
        .join(sep),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="approve-confirm">
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t('planReview.confirm.intro', { version: preview.version })}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={items}
        styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
      />
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('planReview.confirm.inCharge')}
      </Typography.Title>
      <InChargeList notice={preview} lang={lang} />
    </Flex>
  );
}
