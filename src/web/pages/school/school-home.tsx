import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Row,
  Statistic,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useMembers, useSchool } from '../../api/queries';
import { AlertsCard } from '../../components/alerts-card';
import { PageError, PageSpin } from '../../components/page-state';
import { UserText } from '../../components/user-text';
import { formatGrades } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { schoolTypeLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import { EditSchoolModal } from './edit-school-modal';
import { TodayCard } from './today-card';

/**
 * The school administrator's home: today at a glance (issue 14.9), the school's card (editable) and
 * its head-counts.
 */
export function SchoolHome() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const schoolQuery = useSchool(schoolId);
  const membersQuery = useMembers(schoolId);
  const [editing, setEditing] = useState(false);

  if (!schoolId)
    return <Alert type="warning" showIcon title={t('school.missing')} data-testid="home-school_admin" />;
  if (schoolQuery.isPending) return <PageSpin />;
  if (schoolQuery.isError)
    return <PageError error={schoolQuery.error} onRetry={() => schoolQuery.refetch()} />;

  const school = schoolQuery.data;
  const empty = t('common.empty');
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('school.name'), children: <UserText>{school.name}</UserText> },
    { key: 'code', label: t('school.code'), children: school.code },
    { key: 'type', label: t('school.type'), children: schoolTypeLabel(t, school.type) },
    { key: 'region', label: t('school.county'), children: <UserText>{school.regionName}</UserText> },
    { key: 'grades', label: t('school.grades'), children: formatGrades(school.grades, lang) || empty },
    { key: 'teachers', label: t('school.teacherCount'), children: school.teacherCount },
    { key: 'students', label: t('school.studentCount'), children: school.studentCount },
    { key: 'phone', label: t('school.phone'), children: school.phone ?? empty },
    {
      key: 'address',
      label: t('school.address'),
      children: school.address ? <UserText>{school.address}</UserText> : empty,
      span: 'filled',
    },
  ];

  const stats = [
    { key: 'teachers', title: t('school.teacherCount'), value: school.teacherCount, loading: false },
    { key: 'students', title: t('school.studentCount'), value: school.studentCount, loading: false },
    { key: 'onRecord', title: t('school.studentsOnRecord'), value: school.studentsOnRecord, loading: false },
    {
      key: 'accounts',
      title: t('school.staffAccounts'),
      value: membersQuery.data?.length ?? 0,
      loading: membersQuery.isPending,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="home-school_admin">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        <UserText>{school.name}</UserText>
      </Typography.Title>
      <AlertsCard dayPath="/school/day" />
      <TodayCard schoolId={schoolId} />
      <Row gutter={[12, 12]}>
        {stats.map((stat) => (
          <Col key={stat.key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={stat.title} value={stat.value} loading={stat.loading} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={t('school.card')}
        extra={
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('school.edit')}
          </Button>
        }
      >
        <Descriptions items={items} column={{ xs: 1, sm: 2, xl: 3 }} />
      </Card>
      <EditSchoolModal school={school} open={editing} onClose={() => setEditing(false)} />
    </Flex>
  );
}
