import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useErrorText } from '../../api/error-text';
import { usePlan, usePlanDecision } from '../../api/queries';
import type { PlanDetail } from '../../api/types';
import { PageError, PageSpin } from '../../components/page-state';
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
          {t('planReview.planTitle', { school: plan.school.name, term: plan.term.name })}
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
  const onApprove = () => {
    setFailure(null);
    approvePlan.mutate(
      { revision: plan.revision, comment: comment.trim() || null },
      { onSuccess: done('planReview.approved'), onError: (e) => setFailure(describe(e)) },
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
    </Card>
  );
}
