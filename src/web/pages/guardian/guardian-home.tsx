import { Avatar, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useGuardianChildren } from '../../api/queries';
import type { Child } from '../../api/types';
import { PageError } from '../../components/page-state';
import { formatDate, gradeName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { relationLabel } from '../../i18n/labels';

function ChildCard({ child }: { child: Child }) {
  const { lang, t } = useI18n();
  return (
    <Card size="small" data-testid="child-card">
      <Flex gap={12} align="center">
        <Avatar size={48} style={{ backgroundColor: '#07c160', flex: 'none' }} aria-hidden="true">
          {child.name.slice(-2)}
        </Avatar>
        <Flex vertical style={{ minWidth: 0, flex: 1 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {child.name}
            </Typography.Text>
            <Tag color="green" aria-label={`${t('guardian.relation')}: ${relationLabel(t, child.relation)}`}>
              {relationLabel(t, child.relation)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" ellipsis>
            {child.schoolName}
          </Typography.Text>
          <Typography.Text type="secondary">
            {gradeName(child.grade, lang)} {child.className}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

/** The guardian's home: their own children only, one card each. */
export function GuardianHome() {
  const { lang, t } = useI18n();
  const children = useGuardianChildren();

  return (
    <Flex vertical gap={12} data-testid="home-guardian">
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('guardian.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{formatDate(new Date(), lang, { weekday: true })}</Typography.Text>
      </Flex>
      {children.isPending ? (
        <Card size="small">
          <Skeleton active avatar paragraph={{ rows: 2 }} />
        </Card>
      ) : children.isError ? (
        <PageError error={children.error} onRetry={() => children.refetch()} />
      ) : children.data.length === 0 ? (
        <Card size="small">
          <Empty description={t('guardian.noChildren')} />
        </Card>
      ) : (
        children.data.map((child) => <ChildCard key={`${child.schoolId}:${child.studentId}`} child={child} />)
      )}
    </Flex>
  );
}
