import { Badge, Button, Empty, Flex } from 'antd';
import { useMarkNotificationsRead, useNotifications } from '../../api/notification-queries';
import { PageError, PageSpin } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { ServerText } from '../../components/user-text';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

/** F-30 message centre: decisions on applications, sign-in codes and, later, absences and pickups. */
export function MessagesPage() {
  const { lang, t } = useI18n();
  const messages = useNotifications();
  const markRead = useMarkNotificationsRead();

  if (messages.isPending) return <PageSpin />;
  if (messages.isError) return <PageError error={messages.error} onRetry={() => messages.refetch()} />;
  const { items, unread } = messages.data;
  const unreadIds = items.filter((m) => !m.readAt).map((m) => m.id);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }} data-testid="messages-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Heading>
          {t('messages.title')} {unread > 0 ? <Badge count={unread} /> : null}
        </Heading>
        <Button
          disabled={unreadIds.length === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate(unreadIds)}
        >
          {t('messages.markAllRead')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty description={t('messages.empty')} />
      ) : (
        items.map((m) => (
          <Panel key={m.id} data-testid="message">
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8} wrap>
                <strong>
                  {m.readAt ? null : <Badge status="processing" text={null} style={{ marginRight: 6 }} />}
                  <ServerText text={m.title[lang === 'en' ? 'en' : 'zh']} />
                </strong>
                <Muted>{formatDateTime(m.createdAt, lang)}</Muted>
              </Flex>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                <ServerText text={m.body[lang === 'en' ? 'en' : 'zh']} />
              </div>
              {m.readAt ? null : (
                <div>
                  <Button
                    size="small"
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => markRead.mutate([m.id])}
                  >
                    {t('messages.markRead')}
                  </Button>
                </div>
              )}
            </Flex>
          </Panel>
        ))
      )}
    </Flex>
  );
}
