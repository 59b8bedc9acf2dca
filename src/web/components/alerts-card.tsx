import { WarningOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useNavigate } from 'react-router';
import { useNotifications } from '../api/notification-queries';
import { formatTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { Muted, Panel } from './surface';

// Kinds that need someone to act today: an absence nobody followed up in time (F-12, A 三.5), a
// child taken into extended custody by the platform (F-14, C 延时托管).
const URGENT = new Set(['absence_escalated', 'custody_assigned']);

/**
 * On the duty chief's and the school admin's home (issue 5: the escalation is "visible on their
 * home"): the unread urgent messages of the message centre, newest first, with the way to act.
 */
export function AlertsCard({ dayPath }: { dayPath: string }) {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const urgent = (useNotifications().data?.items ?? []).filter(
    (n) => n.readAt === null && URGENT.has(n.kind),
  );
  if (urgent.length === 0) return null;
  return (
    <Panel
      title={
        <span style={{ color: '#cf1322' }}>
          <WarningOutlined aria-hidden /> {t('daily.common.alertsTitle', { count: urgent.length })}
        </span>
      }
      data-testid="alerts-card"
    >
      <Flex vertical gap={8}>
        {urgent.slice(0, 5).map((n) => (
          // The title on its own line, the time and the message under it: inline, they ran
          // together as "escalated02:27" (issue 14.13).
          <Flex key={n.id} vertical>
            <strong>{lang === 'en' ? n.title.en : n.title.zh}</strong>
            <Muted>
              {formatTime(n.createdAt)} · {lang === 'en' ? n.body.en : n.body.zh}
            </Muted>
          </Flex>
        ))}
        <Flex gap={8} wrap>
          <Button type="primary" danger onClick={() => navigate(dayPath)}>
            {t('daily.common.alertsAct')}
          </Button>
          <Button onClick={() => navigate('/messages')}>{t('daily.common.alertsAll')}</Button>
        </Flex>
      </Flex>
    </Panel>
  );
}
