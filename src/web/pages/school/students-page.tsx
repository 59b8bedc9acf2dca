import { Card, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useSchool, useStudents } from '../../api/queries';
import type { Student } from '../../api/types';
import { PageError } from '../../components/page-state';
import { ALL_GRADES, gradeOptions } from '../../components/school-options';
import { gradeName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { genderLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';

const DEFAULT_PAGE_SIZE = 20;

/** The school's students: searched by name or student number, filtered by grade, paged by the server. */
export function StudentsPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const school = useSchool(schoolId);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [grade, setGrade] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const students = useStudents(schoolId, { q: q || undefined, grade, page, pageSize });

  const columns: TableColumnsType<Student> = [
    { title: t('students.studentNo'), dataIndex: 'studentNo', key: 'studentNo' },
    { title: t('students.name'), dataIndex: 'name', key: 'name' },
    { title: t('students.gender'), key: 'gender', render: (_, student) => genderLabel(t, student.gender) },
    { title: t('students.grade'), key: 'grade', render: (_, student) => gradeName(student.grade, lang) },
    { title: t('students.className'), dataIndex: 'className', key: 'className' },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('students.title')}
      </Typography.Title>
      <Flex gap={12} wrap>
        <Input.Search
          aria-label={t('students.search')}
          placeholder={t('students.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            // Clearing the box shows everyone again without a second click.
            if (event.target.value === '' && q !== '') {
              setQ('');
              setPage(1);
            }
          }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          style={{ flex: '1 1 260px', maxWidth: 420 }}
        />
        <Select<number>
          aria-label={t('students.gradeFilter')}
          placeholder={t('students.allGrades')}
          allowClear
          value={grade}
          onChange={(value) => {
            setGrade(value ?? undefined);
            setPage(1);
          }}
          options={gradeOptions(lang, school.data?.grades ?? ALL_GRADES)}
          style={{ flex: '0 1 180px', minWidth: 140 }}
        />
      </Flex>
      {students.isError ? (
        <PageError error={students.error} onRetry={() => students.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Student>
            rowKey="id"
            columns={columns}
            dataSource={students.data?.items ?? []}
            loading={students.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('students.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: students.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (nextPage, nextSize) => {
                setPage(nextSize === pageSize ? nextPage : 1);
                setPageSize(nextSize);
              },
            }}
          />
        </Card>
      )}
    </Flex>
  );
}
