import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useSchool } from '../../api/queries';
import { PageError } from '../../components/page-state';
import { ProfileCard } from '../../components/profile-card';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';

/**
 * Phone home of the care teacher, the duty chief and the gate guard: today's date in the school's
 * zone, the school to call, and who is signed in. Roll call, the gate board and the duty log are
 * added to this page by their own features.
 */
export function StaffHome() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const school = useSchool(membership.schoolId);
  const today = formatDate(new Date(), lang, { weekday: true });

  return (
    <Flex vertical gap={12} data-testid={`home-${membership.role}`}>
      <Card size="small">
        <Typography.Text type="secondary">{t('staff.today')}</Typography.Text>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '4px 0 0' }} data-testid="today">
          {today}
        </Typography.Title>
      </Card>

      <Card size="small" title={t('staff.schoolCard')}>
        {!membership.schoolId ? (
          <Alert type="warning" showIcon title={t('school.missing')} />
        ) : school.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : school.isError ? (
          <PageError error={school.error} onRetry={() => school.refetch()} />
        ) : (
          <Flex vertical gap={12}>
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {school.data.name}
            </Typography.Title>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'address',
                  label: t('school.address'),
                  children: school.data.address ?? t('common.empty'),
                },
              ]}
            />
            {school.data.phone ? (
              <Button
                block
                icon={<PhoneOutlined />}
                href={`tel:${school.data.phone.replace(/[^\d+]/g, '')}`}
                aria-label={t('common.call', { phone: school.data.phone })}
              >
                {school.data.phone}
              </Button>
            ) : null}
          </Flex>
        )}
      </Card>

      <ProfileCard title={t('staff.profile')} />
    </Flex>
  );
}
