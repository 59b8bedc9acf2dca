// A child's application as the guardian sees it: the status, what was asked for, and the way out
// (B 四(一) 自愿参加: withdraw at any time, no reason asked, from the next service day).
import { App, Button, Flex, Tag } from 'antd';
import { type Application, useWithdrawApplication } from '../../api/application-queries';
import { useErrorText } from '../../api/error-text';
import { Muted } from '../../components/surface';
import { MessageWithUserText, NameText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { type TFunction, useI18n } from '../../i18n/i18n';

const STATUS_COLOR: Record<Application['status'], string> = {
  submitted: 'processing',
  approved: 'success',
  waitlisted: 'warning',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: Application['status'] | null }) {
  const { t } = useI18n();
  return (
    <Tag
      color={status ? STATUS_COLOR[status] : 'default'}
      data-testid="application-status"
      data-status={status ?? 'none'}
    >
      {t(`apply.status.${status ?? 'none'}`)}
    </Tag>
  );
}

export function daysText(t: TFunction, weekdays: readonly number[], sep: string): string {
  return weekdays.map((d) => t(`weekday.${d}` as 'weekday.1')).join(sep);
}

/** Status, choices and the withdraw action with its confirmation. */
export function ApplicationSummary({
  application,
  withdrawalEffectiveFrom,
}: {
  application: Application;
  withdrawalEffectiveFrom: string | null;
}) {
  const { lang, t } = useI18n();
  const { modal, message } = App.useApp();
  const withdraw = useWithdrawApplication();
  const errorText = useErrorText();
  const sep = lang === 'en' ? ', ' : '、';
  const live = application.status !== 'withdrawn';
  const enrolled = application.enrollment !== null && application.status === 'approved';

  const confirm = () =>
    modal.confirm({
      title: t('apply.withdrawTitle'),
      content: !enrolled
        ? t('apply.withdrawBodyPending')
        : withdrawalEffectiveFrom
          ? t('apply.withdrawBody', { date: formatDate(withdrawalEffectiveFrom, lang, { weekday: true }) })
          : t('apply.withdrawBodyNext'),
      okText: t('apply.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await withdraw.mutateAsync({ schoolId: application.schoolId, applicationId: application.id });
          message.success(t('apply.withdrawn'));
        } catch (error) {
          message.error(errorText(error));
          throw error;
        }
      },
    });

  return (
    <Flex vertical gap={6}>
      <Flex gap={8} align="center" wrap>
        <StatusTag status={application.status} />
        <Muted>
          <NameText name={application.termName} />
        </Muted>
      </Flex>
      <span>
        <MessageWithUserText
          text={t('apply.summary', { days: daysText(t, application.weekdays, sep), batch: '{batch}' })}
          nodes={{ batch: <NameText name={application.departureBatch} /> }}
        />
      </span>
      {application.status === 'approved' && application.enrollment ? (
        <Muted>{t('apply.startsOn', { date: formatDate(application.enrollment.startsOn, lang) })}</Muted>
      ) : null}
      {application.enrollment?.withdrawnFrom ? (
        <Muted>
          {t('apply.withdrawnFrom', { date: formatDate(application.enrollment.withdrawnFrom, lang) })}
        </Muted>
      ) : null}
      {application.status === 'waitlisted' && application.waitlistReason ? (
        <Muted>{t('apply.waitReason', { reason: application.waitlistReason })}</Muted>
      ) : null}
      {live ? (
        <Button danger block onClick={confirm} loading={withdraw.isPending} data-testid="withdraw">
          {t('apply.withdraw')}
        </Button>
      ) : null}
    </Flex>
  );
}
