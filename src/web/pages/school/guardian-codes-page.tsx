import { KeyOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Modal, Radio, Select, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useErrorText } from '../../api/error-text';
import {
  type IssueCodesInput,
  type IssueCodesResponse,
  type IssuedCode,
  useCodeSummary,
  useIssueCodes,
} from '../../api/import-queries';
import { useSchool, useStudents } from '../../api/queries';
import { PageError, PageSpin } from '../../components/page-state';
import { classLabel, formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { relationLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import './guardian-codes-print.css';

type Scope = 'school' | 'class' | 'students' | 'staff';

/** One printed sheet per class (and one for staff): child, guardian, masked mobile, code. */
function CodeSheets({
  result,
  schoolName,
  testId,
}: {
  result: IssueCodesResponse;
  schoolName: string;
  testId?: string;
}) {
  const { lang, t } = useI18n();
  const groups = new Map<string, IssuedCode[]>();
  for (const item of result.items) {
    const key =
      item.grade !== null && item.className !== null
        ? classLabel(item.grade, item.className, lang)
        : t('codes.staffGroup');
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const until = formatDate(result.expiresAt, lang);
  return (
    <div className="kh-codes-sheet" data-testid={testId}>
      {[...groups].map(([label, items]) => {
        const staff = items[0]?.studentName === null;
        return (
          <section key={label} className="kh-codes-sheet-class">
            <h2>
              {t('codes.printTitle', { school: schoolName })} · {label}
            </h2>
            <p style={{ margin: '0 0 8px' }}>{t('codes.printHint', { date: until })}</p>
            <table>
              <thead>
                <tr>
                  {staff ? null : <th>{t('codes.col.student')}</th>}
                  <th>{staff ? t('codes.col.name') : t('codes.col.guardian')}</th>
                  {staff ? null : <th>{t('codes.col.relation')}</th>}
                  <th>{t('codes.col.phone')}</th>
                  <th>{t('codes.col.code')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={`${item.studentNo ?? ''}:${item.maskedPhone}:${item.name}`}>
                    {staff ? null : (
                      <td>
                        {item.studentName}
                        {item.studentNo ? (
                          <Typography.Text type="secondary"> {item.studentNo}</Typography.Text>
                        ) : null}
                      </td>
                    )}
                    <td>{item.name}</td>
                    {staff ? null : <td>{item.relation ? relationLabel(t, lang, item.relation) : ''}</td>}
                    <td>{item.maskedPhone}</td>
                    <td className="kh-code">{item.code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

/** F-27: first sign-in codes for imported guardians and staff, issued once and printed per class. */
export function GuardianCodesPage() {
  const { lang, t } = useI18n();
  const errorText = useErrorText();
  const { schoolId } = useActiveMembership();
  const school = useSchool(schoolId);
  const summary = useCodeSummary(schoolId);
  const issue = useIssueCodes(schoolId ?? '');
  const [scope, setScope] = useState<Scope>('school');
  const [classId, setClassId] = useState<string | undefined>(undefined);
  // Chosen children: searched by name or student number, kept with their labels across searches.
  const [studentQ, setStudentQ] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string }[]>([]);
  const found = useStudents(scope === 'students' ? schoolId : null, {
    q: studentQ || undefined,
    page: 1,
    pageSize: 20,
  });
  const [result, setResult] = useState<IssueCodesResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (summary.isPending) return <PageSpin />;
  if (summary.isError) return <PageError error={summary.error} onRetry={() => summary.refetch()} />;

  const input: IssueCodesInput | null =
    scope === 'class'
      ? classId
        ? { scope: 'class', classId }
        : null
      : scope === 'students'
        ? chosen.length > 0
          ? { scope: 'students', studentIds: chosen.map((c) => c.value) }
          : null
        : { scope };
  const studentOptions = [
    ...chosen,
    ...(found.data?.items ?? [])
      .filter((st) => !chosen.some((c) => c.value === st.id))
      .map((st) => ({
        value: st.id,
        label: `${st.name} ${st.studentNo} · ${classLabel(st.grade, st.className, lang)}`,
      })),
  ];

  const onIssue = () => {
    if (!input) return;
    Modal.confirm({
      title: t('codes.confirmTitle'),
      content: t('codes.confirmBody'),
      okText: t('codes.issue'),
      cancelText: t('common.cancel'),
      onOk: () =>
        new Promise<void>((resolve) => {
          setFailure(null);
          issue.mutate(input, {
            onSuccess: (data) => {
              setResult(data);
              resolve();
            },
            onError: (error) => {
              setFailure(errorText(error));
              resolve();
            },
          });
        }),
    });
  };

  const s = summary.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1080 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('codes.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('codes.intro')}
      </Typography.Paragraph>
      <Flex gap={16} wrap>
        <Card size="small" style={{ minWidth: 200 }}>
          <Statistic title={t('codes.summary.guardians')} value={s.guardiansWithoutPassword} />
        </Card>
        <Card size="small" style={{ minWidth: 200 }}>
          <Statistic title={t('codes.summary.staff')} value={s.staffWithoutPassword} />
        </Card>
        <Card size="small" style={{ minWidth: 200 }}>
          <Statistic title={t('codes.summary.open')} value={s.openCodes} />
        </Card>
      </Flex>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('codes.scope')}>
            <Radio.Group
              value={scope}
              onChange={(event) => setScope(event.target.value as Scope)}
              optionType="button"
              options={[
                { value: 'school', label: t('codes.scope.school') },
                { value: 'class', label: t('codes.scope.class') },
                { value: 'students', label: t('codes.scope.students') },
                { value: 'staff', label: t('codes.scope.staff') },
              ]}
            />
          </Form.Item>
          {scope === 'class' ? (
            <Form.Item label={t('codes.class')}>
              <Select<string>
                showSearch={{ optionFilterProp: 'label' }}
                value={classId}
                onChange={setClassId}
                style={{ minWidth: 280 }}
                aria-label={t('codes.class')}
                options={s.classes.map((c) => ({
                  value: c.classId,
                  label: t('codes.classOption', {
                    label: classLabel(c.grade, c.name, lang),
                    count: c.guardiansWithoutPassword,
                  }),
                }))}
              />
            </Form.Item>
          ) : null}
          {scope === 'students' ? (
            <Form.Item label={t('codes.students')}>
              <Select<string[]>
                mode="multiple"
                showSearch={{ filterOption: false, onSearch: setStudentQ }}
                value={chosen.map((c) => c.value)}
                onChange={(values) =>
                  setChosen(
                    values.map((value) => ({
                      value,
                      label: studentOptions.find((o) => o.value === value)?.label ?? value,
                    })),
                  )
                }
                placeholder={t('codes.studentsPlaceholder')}
                loading={found.isFetching}
                style={{ minWidth: 360 }}
                aria-label={t('codes.students')}
                options={studentOptions}
              />
            </Form.Item>
          ) : null}
          <Form.Item>
            <Button
              type="primary"
              icon={<KeyOutlined />}
              disabled={!input}
              loading={issue.isPending}
              onClick={onIssue}
              data-testid="codes-issue"
            >
              {t('codes.issue')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
      {result ? (
        result.issued === 0 ? (
          <Alert type="info" showIcon title={t('codes.none')} />
        ) : (
          <Card
            size="small"
            title={t('codes.issued', { count: result.issued, date: formatDate(result.expiresAt, lang) })}
            extra={
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('codes.print')}
              </Button>
            }
          >
            <Flex vertical gap={12}>
              <Alert type="warning" showIcon title={t('codes.onceWarning')} />
              <CodeSheets result={result} schoolName={school.data?.name ?? ''} testId="codes-sheet" />
              {/* The printed copy: a direct child of <body>, so print CSS can drop everything else. */}
              {createPortal(
                <div className="kh-codes-print-root">
                  <CodeSheets result={result} schoolName={school.data?.name ?? ''} />
                </div>,
                document.body,
              )}
            </Flex>
          </Card>
        )
      ) : null}
    </Flex>
  );
}
