import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { exportUrl } from '../../api/import-queries';
import { useSchool, useStudents } from '../../api/queries';
import type { Student } from '../../api/types';
import { PagedTable, usePaging } from '../../components/paged-table';
import { ALL_GRADES, gradeOptions } from '../../components/school-options';
import { NameText, UserText } from '../../components/user-text';
import { gradeName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { genderLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';

/** The school's students: searched by name or student number, filtered by grade, paged by the server. */
export function StudentsPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const school = useSchool(schoolId);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [grade, setGrade] = useState<number | undefined>(undefined);
  const paging = usePaging();
  const students = useStudents(schoolId, {
    q: q || undefined,
    grade,
    page: paging.page,
    pageSize: paging.pageSize,
  });

  const columns: TableColumnsType<Student> = [
    { title: t('students.studentNo'), dataIndex: 'studentNo', key: 'studentNo' },
    {
      title: t('students.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <UserText>{name}</UserText>,
    },
    { title: t('students.gender'), key: 'gender', render: (_, student) => genderLabel(t, student.gender) },
    { title: t('students.grade'), key: 'grade', render: (_, student) => gradeName(student.grade, lang) },
    {
      title: t('students.className'),
      dataIndex: 'className',
      key: 'className',
      render: (name: string) => <NameText name={name} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('students.title')}
        </Typography.Title>
        {/* F-27/F-28: the lists in and out as xlsx (phones in full: school admin only). */}
        {schoolId ? (
          <Flex gap={8} wrap>
            <Link to="/school/import">
              <Button icon={<UploadOutlined />}>{t('import.goImport')}</Button>
            </Link>
            <Button
              icon={<DownloadOutlined />}
              href={exportUrl(schoolId, 'students')}
              data-testid="export-students"
            >
              {t('import.exportStudents')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={exportUrl(schoolId, 'staff')}
              data-testid="export-staff"
            >
              {t('import.exportStaff')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
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
              paging.firstPage();
            }
          }}
          onSearch={(value) => {
            setQ(value.trim());
            paging.firstPage();
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
            paging.firstPage();
          }}
          options={gradeOptions(lang, school.data?.grades ?? ALL_GRADES)}
          style={{ flex: '0 1 180px', minWidth: 140 }}
        />
      </Flex>
      <PagedTable<Student>
        query={students}
        paging={paging}
        columns={columns}
        rowKey="id"
        emptyText={t('students.empty')}
        label={t('students.title')}
      />
    </Flex>
  );
}
