import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useRegions, useSchools } from '../../api/queries';
import type { School } from '../../api/types';
import { PageError } from '../../components/page-state';
import { MessageWithUserText, UserText } from '../../components/user-text';
import { formatGrades } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { schoolTypeLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import { CreateSchoolDrawer } from './create-school-drawer';
import { regionSubtree, schoolRegionChoices } from './region-tree';

function sum(schools: readonly School[], pick: (school: School) => number): number {
  return schools.reduce((total, school) => total + pick(school), 0);
}

/** The bureau's home: the schools of its region, their head-counts, and creating a school. */
export function BureauHome() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolsQuery = useSchools();
  const regionsQuery = useRegions();
  const [creating, setCreating] = useState(false);

  const regionId = membership.regionId;
  const regions = regionsQuery.data;

  // The list is what the server allows this user to see; a user who is also a school's
  // administrator elsewhere must not see that school listed under this bureau.
  const schools = useMemo(() => {
    const all = schoolsQuery.data ?? [];
    if (!regions || !regionId) return all;
    const inScope = new Set(regionSubtree(regions, regionId).map((region) => region.id));
    return all.filter((school) => inScope.has(school.regionId));
  }, [schoolsQuery.data, regions, regionId]);

  const regionChoices = useMemo(() => {
    if (!regions || !regionId) return [];
    return schoolRegionChoices(regions, regionId).map((region) => ({
      region,
      label:
        region.id === regionId && region.level !== 'county'
          ? t('bureau.directlyUnder', { name: region.name })
          : region.name,
    }));
  }, [regions, regionId, t]);

  const columns: TableColumnsType<School> = [
    {
      title: t('school.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: (a, b) => a.code.localeCompare(b.code),
    },
    { title: t('school.name'), key: 'name', render: (_, school) => <UserText>{school.name}</UserText> },
    { title: t('school.type'), key: 'type', render: (_, school) => schoolTypeLabel(t, school.type) },
    {
      title: t('school.county'),
      key: 'regionName',
      render: (_, school) => <UserText>{school.regionName}</UserText>,
    },
    { title: t('school.grades'), key: 'grades', render: (_, school) => formatGrades(school.grades, lang) },
    {
      title: t('school.teacherCount'),
      dataIndex: 'teacherCount',
      key: 'teacherCount',
      align: 'right',
      sorter: (a, b) => a.teacherCount - b.teacherCount,
    },
    {
      title: t('school.studentCount'),
      dataIndex: 'studentCount',
      key: 'studentCount',
      align: 'right',
      sorter: (a, b) => a.studentCount - b.studentCount,
    },
    {
      title: t('school.studentsOnRecord'),
      dataIndex: 'studentsOnRecord',
      key: 'studentsOnRecord',
      align: 'right',
      sorter: (a, b) => a.studentsOnRecord - b.studentsOnRecord,
    },
  ];

  const stats = [
    { key: 'schools', title: t('bureau.statSchools'), value: schools.length },
    { key: 'teachers', title: t('bureau.statTeachers'), value: sum(schools, (s) => s.teacherCount) },
    { key: 'students', title: t('bureau.statStudents'), value: sum(schools, (s) => s.studentCount) },
    { key: 'onRecord', title: t('bureau.statOnRecord'), value: sum(schools, (s) => s.studentsOnRecord) },
  ];

  return (
    <Flex vertical gap={16} data-testid="home-bureau">
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {membership.regionName ? (
            <MessageWithUserText
              text={t('bureau.title', { region: '{region}' })}
              user={{ region: membership.regionName }}
            />
          ) : (
            t('bureau.titleNoRegion')
          )}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          disabled={!regionId || regionChoices.length === 0}
        >
          {t('bureau.createSchool')}
        </Button>
      </Flex>

      {schoolsQuery.isError ? (
        <PageError error={schoolsQuery.error} onRetry={() => schoolsQuery.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {stats.map((stat) => (
              <Col key={stat.key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={stat.title} value={stat.value} loading={schoolsQuery.isPending} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<School>
              rowKey="id"
              columns={columns}
              dataSource={schools}
              loading={schoolsQuery.isPending}
              scroll={{ x: 'max-content' }}
              pagination={{
                pageSize: 50,
                hideOnSinglePage: true,
                showTotal: (total) => t('common.total', { total }),
              }}
              locale={{ emptyText: t('bureau.noSchools') }}
            />
          </Card>
        </>
      )}

      <CreateSchoolDrawer open={creating} onClose={() => setCreating(false)} regionChoices={regionChoices} />
    </Flex>
  );
}
