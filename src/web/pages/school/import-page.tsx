import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Progress,
  Result,
  Segmented,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useErrorText } from '../../api/error-text';
import {
  type ImportKind,
  type ImportPreview,
  type ImportProblemView,
  type ImportResultView,
  ImportUploadError,
  templateUrl,
  type UploadProgress,
  useImportCommit,
  useImportPreview,
} from '../../api/import-queries';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';

type Step =
  | { name: 'choose' }
  | { name: 'busy'; action: 'preview' | 'commit'; progress: UploadProgress }
  | { name: 'preview'; file: File; preview: ImportPreview }
  | { name: 'failed'; file: File | null; message: string; problems: ImportProblemView[] }
  | { name: 'done'; result: ImportResultView };

function Counts({ kind, counts }: { kind: ImportKind; counts: ImportPreview['counts'] }) {
  const { t } = useI18n();
  const items =
    kind === 'students'
      ? [
          ['import.counts.students', counts.students],
          ['import.counts.newClasses', counts.newClasses],
          ['import.counts.newGuardianAccounts', counts.newGuardianAccounts],
          ['import.counts.linkedGuardianAccounts', counts.linkedGuardianAccounts],
        ]
      : [
          ['import.counts.staff', counts.staff],
          ['import.counts.newAccounts', counts.newAccounts],
          ['import.counts.linkedAccounts', counts.linkedAccounts],
        ];
  return (
    <Descriptions
      size="small"
      column={4}
      bordered
      data-testid="import-counts"
      items={items.map(([key, value]) => ({
        key: String(key),
        label: t(key as Parameters<typeof t>[0]),
        children: String(value),
      }))}
    />
  );
}

function ProblemTable({ problems }: { problems: ImportProblemView[] }) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<ImportProblemView & { key: number }> = [
    { title: t('import.col.row'), dataIndex: 'row', key: 'row', width: 72 },
    { title: t('import.col.column'), dataIndex: 'column', key: 'column', width: 140 },
    {
      title: t('import.col.message'),
      key: 'message',
      render: (_, p) => (lang === 'en' ? p.message.en : p.message.zh),
    },
  ];
  return (
    <Table
      data-testid="import-problems"
      size="small"
      columns={columns}
      dataSource={problems.map((p, i) => ({ ...p, key: i }))}
      pagination={problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

/** F-27: choose a list, download its template, upload, see every problem, then import all or nothing. */
export function ImportPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { schoolId } = useActiveMembership();
  const [kind, setKind] = useState<ImportKind>('students');
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const preview = useImportPreview();
  const commit = useImportCommit();

  if (!schoolId) return null;

  const fail = (file: File | null, error: unknown) => {
    const problems = error instanceof ImportUploadError ? error.problems : [];
    setStep({ name: 'failed', file, message: errorText(error), problems });
  };

  const check = (file: File) => {
    setStep({ name: 'busy', action: 'preview', progress: { percent: 0, phase: 'uploading' } });
    preview.mutate(
      {
        schoolId,
        kind,
        file,
        onProgress: (progress) => setStep({ name: 'busy', action: 'preview', progress }),
      },
      {
        onSuccess: (result) => setStep({ name: 'preview', file, preview: result }),
        onError: (error) => fail(file, error),
      },
    );
  };

  const save = (file: File) => {
    setStep({ name: 'busy', action: 'commit', progress: { percent: 0, phase: 'uploading' } });
    commit.mutate(
      {
        schoolId,
        kind,
        file,
        onProgress: (progress) => setStep({ name: 'busy', action: 'commit', progress }),
      },
      {
        onSuccess: (result) => setStep({ name: 'done', result }),
        onError: (error) => fail(file, error),
      },
    );
  };

  const dropZone = (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      multiple={false}
      showUploadList={false}
      data-testid="import-upload"
      beforeUpload={(file) => {
        check(file);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('import.dropHint')}</p>
      <p className="ant-upload-hint">{t('import.dropLimit')}</p>
    </Upload.Dragger>
  );

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1080 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Segmented<ImportKind>
        value={kind}
        disabled={step.name === 'busy'}
        onChange={(value) => {
          setKind(value);
          setStep({ name: 'choose' });
        }}
        options={[
          { value: 'students', label: t('import.kind.students') },
          { value: 'staff', label: t('import.kind.staff') },
        ]}
        data-testid="import-kind"
        style={{ alignSelf: 'flex-start' }}
      />
      <Card size="small" title={t('import.step.template')}>
        <Flex gap={16} align="center" wrap>
          <Typography.Text type="secondary" style={{ flex: '1 1 420px' }}>
            {t('import.templateHint')}
          </Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            href={templateUrl(schoolId, kind)}
            data-testid="import-template"
          >
            {t('import.download')}
          </Button>
        </Flex>
      </Card>

      {step.name === 'done' ? (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('import.doneTitle')}
          data-testid="import-done"
          subTitle={
            step.result.kind === 'students'
              ? t('import.doneStudents', {
                  students: step.result.counts.students,
                  guardians: step.result.counts.guardians,
                  newAccounts: step.result.counts.newGuardianAccounts,
                  linked: step.result.counts.linkedGuardianAccounts,
                  classes: step.result.counts.newClasses,
                })
              : t('import.doneStaff', {
                  staff: step.result.counts.staff,
                  newAccounts: step.result.counts.newAccounts,
                  linked: step.result.counts.linkedAccounts,
                })
          }
          extra={[
            <Link key="codes" to="/school/login-codes">
              <Button type="primary">{t('import.nextCodes')}</Button>
            </Link>,
            <Link key="students" to="/school/students">
              <Button>{t('import.nextStudents')}</Button>
            </Link>,
            <Button key="again" onClick={() => setStep({ name: 'choose' })}>
              {t('import.again')}
            </Button>,
          ]}
        />
      ) : (
        <Card size="small" title={t('import.step.upload')}>
          {step.name === 'busy' ? (
            <Flex vertical gap={8} data-testid="import-progress" aria-live="polite">
              <Progress
                percent={step.progress.percent}
                status={step.progress.phase === 'processing' ? 'active' : 'normal'}
              />
              <Typography.Text>
                {step.progress.phase === 'uploading'
                  ? t('import.uploading', { percent: step.progress.percent })
                  : t(step.action === 'preview' ? 'import.checking' : 'import.importing')}
              </Typography.Text>
            </Flex>
          ) : step.name === 'choose' ? (
            dropZone
          ) : (
            <Flex vertical gap={8}>
              {dropZone}
            </Flex>
          )}
        </Card>
      )}

      {step.name === 'preview' ? (
        <Card size="small" title={t('import.step.preview')} data-testid="import-preview">
          <Flex vertical gap={12}>
            <Typography.Text strong>
              {t('import.fileRows', { fileName: step.preview.fileName, rows: step.preview.rows })}
            </Typography.Text>
            <Counts kind={step.preview.kind} counts={step.preview.counts} />
            {step.preview.problems.length > 0 ? (
              <>
                <Alert
                  type="error"
                  showIcon
                  title={t('import.problemsTitle', { count: step.preview.problems.length })}
                  description={t('import.problemsHint')}
                />
                <ProblemTable problems={step.preview.problems} />
              </>
            ) : (
              <>
                <Alert
                  type="success"
                  showIcon
                  title={t('import.noProblems')}
                  description={t('import.noProblemsHint')}
                />
                <Flex gap={8}>
                  <Button
                    type="primary"
                    onClick={() => save(step.file)}
                    loading={commit.isPending}
                    data-testid="import-confirm"
                  >
                    {t('import.confirm')}
                  </Button>
                  <Button onClick={() => setStep({ name: 'choose' })}>{t('import.chooseAnother')}</Button>
                </Flex>
              </>
            )}
          </Flex>
        </Card>
      ) : null}

      {step.name === 'failed' ? (
        <Card size="small" title={t('import.step.preview')} data-testid="import-failed">
          <Flex vertical gap={12}>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('import.failedTitle')}
              description={step.message}
            />
            {step.problems.length > 0 ? <ProblemTable problems={step.problems} /> : null}
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
