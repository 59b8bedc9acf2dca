import { Alert, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { pickLanguage } from '../../api/client';
import type { StaffItem, StaffList } from '../../api/staff-queries';
import { Clause } from '../../components/clause';
import { UserText } from '../../components/user-text';
import { useI18n } from '../../i18n/i18n';
import { dutyText } from './staff-labels';

const ORDER = { leader: 0, deputy: 1, member: 2 } as const;

/** A 二: the leadership group — 组长, 副组长, 组员 — with each member's duties. */
export function LeadershipCard({ list }: { list: StaffList }) {
  const { lang, t } = useI18n();
  const members = list.items
    .filter(
      (s): s is StaffItem & { leadershipPosition: 'leader' | 'deputy' | 'member' } =>
        s.leadershipPosition !== null,
    )
    .sort((a, b) => ORDER[a.leadershipPosition] - ORDER[b.leadershipPosition]);
  return (
    <Card size="small" title={t('staffPage.leadership.title')} data-testid="leadership-card">
      <Flex vertical gap={12}>
        <Clause>{t('staffPage.leadership.clause')}</Clause>
        {list.leadershipProblems.map((p) => (
          <Alert key={p.code} type="warning" showIcon title={pickLanguage(p.message, lang)} />
        ))}
        {members.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('staffPage.leadership.empty')} />
        ) : (
          <Flex wrap gap={12}>
            {members.map((m) => (
              <Card key={m.staffId} size="small" style={{ width: 260, maxWidth: '100%' }}>
                <Space direction="vertical" size={6} style={{ width: '100%' }}>
                  <Space size={8}>
                    <Tag
                      color={
                        m.leadershipPosition === 'leader'
                          ? 'red'
                          : m.leadershipPosition === 'deputy'
                            ? 'orange'
                            : 'blue'
                      }
                    >
                      {t(`staffPage.position.${m.leadershipPosition}`)}
                    </Tag>
                    <Typography.Text strong>
                      <UserText>{m.name}</UserText>
                    </Typography.Text>
                  </Space>
                  {m.leadershipDuties.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {m.leadershipDuties.map((d) => (
                        <li key={d}>
                          <Typography.Text type="secondary">{dutyText(d, lang)}</Typography.Text>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </Space>
              </Card>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
