import { KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Modal, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../api/error-text';
import {
  type LockedAccount,
  type UnlockCode,
  useIssueUnlockCode,
  useLockedAccounts,
} from '../../api/unlock-queries';
import { PageError } from '../../components/page-state';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from '../../i18n/labels';

/**
 * Issue 13.5: an unlock code for one of the school's people, shown once in a dialog with what to tell
 * them. `useUnlockCode` gives the button's action and the dialog to render.
 */
export function useUnlockCode(schoolId: string) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const issue = useIssueUnlockCode(schoolId);
  const [shown, setShown] = useState<UnlockCode | null>(null);

  const give = (userId: string) =>
    issue.mutate(userId, {
      onSuccess: setShown,
      onError: (error) => message.error(errorText(error)),
    });

  const dialog = (
    <Modal
      open={shown !== null}
      title={shown ? t('unlockCode.title', { name: shown.displayName }) : ''}
      onCancel={() => setShown(null)}
      footer={
        <Button type="primary" onClick={() => setShown(null)}>
          {t('unlockCode.close')}
        </Button>
      }
      destroyOnHidden
    >
      {shown ? (
        <Flex vertical gap={12}>
          <Typography.Text
            className="kh-code"
            data-testid="unlock-code"
            style={{ fontSize: 32, fontWeight: 600, letterSpacing: 2, textAlign: 'center' }}
          >
            {shown.code}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('unlockCode.expires', { time: formatDateTime(shown.expiresAt, lang) })}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }}>{t('unlockCode.instructions')}</Typography.Paragraph>
          <Alert type="warning" showIcon title={t('unlockCode.once')} />
        </Flex>
      ) : null}
    </Modal>
  );
  return { give, pending: issue.isPending ? issue.variables : null, dialog };
}

/** The school's people locked out of signing in now, each with a button for an unlock code. */
export function LockedAccountsCard({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const locked = useLockedAccounts(schoolId);
  const { give, pending, dialog } = useUnlockCode(schoolId);

  const columns: TableColumnsType<LockedAccount> = [
    { title: t('locked.col.name'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('locked.col.account'),
      key: 'account',
      render: (_, a) => [a.username, a.maskedPhone].filter(Boolean).join(' · ') || t('common.empty'),
    },
    {
      title: t('locked.col.roles'),
      key: 'roles',
      render: (_, a) => a.roles.map((role) => <Tag key={role}>{roleLabel(t, role)}</Tag>),
    },
    { title: t('locked.col.failures'), dataIndex: 'failures', key: 'failures' },
    {
      title: t('locked.col.until'),
      key: 'until',
      render: (_, a) => t('locked.minutesLeft', { minutes: Math.ceil(a.secondsLeft / 60) }),
    },
    {
      title: t('members.actions'),
      key: 'actions',
      render: (_, a) => (
        <Button
          size="small"
          icon={<KeyOutlined />}
          loading={pending === a.userId}
          data-testid={`unlock-code-${a.userId}`}
          onClick={() => give(a.userId)}
        >
          {t('locked.issue')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      data-testid="locked-accounts"
      title={
        <Flex gap={8} align="center">
          <UnlockOutlined />
          {t('locked.title')}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('locked.intro')}
      </Typography.Paragraph>
      {locked.isError ? (
        <PageError error={locked.error} onRetry={() => locked.refetch()} />
      ) : (
        <Table<LockedAccount>
          rowKey="userId"
          size="small"
          columns={columns}
          dataSource={locked.data ?? []}
          loading={locked.isPending}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('locked.empty') }}
          pagination={false}
        />
      )}
      {dialog}
    </Card>
  );
}
