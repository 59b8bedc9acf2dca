import { FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Empty, Flex, Form, List, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { formFailure } from '../../api/error-text';
import { letterScanUrl, type StaffItem, useUploadLetter } from '../../api/staff-queries';
import { Clause } from '../../components/clause';
import { IsoDatePicker } from '../../components/date-inputs';
import { requiredRule } from '../../components/form-rules';
import { formatDate, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { LetterStatusTag } from './staff-labels';

interface LetterForm {
  signedOn: string;
  validUntil: string;
}

const MAX_BYTES = 8 * 1024 * 1024;

/** A person's responsibility letters (A 三.1): those on record with their scans, and recording one. */
export function StaffLettersDrawer({
  schoolId,
  person,
  onClose,
}: {
  schoolId: string;
  person: StaffItem | null;
  onClose: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LetterForm>();
  const upload = useUploadLetter(schoolId);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const signedOn = Form.useWatch('signedOn', form);

  const personId = person?.staffId ?? null;
  useEffect(() => {
    if (!personId) return;
    setFile(null);
    setFileError(null);
    setFailure(null);
    form.setFieldsValue({ signedOn: todayInShanghai(), validUntil: undefined });
  }, [personId, form]);

  const onFinish = (values: LetterForm) => {
    if (!person) return;
    if (!file) {
      setFileError(t('staffPage.letter.fileRequired'));
      return;
    }
    setFailure(null);
    upload.mutate(
      { staffId: person.staffId, signedOn: values.signedOn, validUntil: values.validUntil, file },
      {
        onSuccess: () => {
          message.success(t('staffPage.letter.uploaded', { name: person.name }));
          setFile(null);
          form.setFieldsValue({ validUntil: undefined });
        },
        onError: (error) => setFailure(formFailure(form, error, lang, t, { UPLOAD_WRONG_TYPE: 'file' })),
      },
    );
  };

  return (
    <Drawer
      title={person ? t('staffPage.letter.title', { name: person.name }) : ''}
      open={person !== null}
      onClose={onClose}
      size="min(520px, 100vw)"
      destroyOnHidden
    >
      {person ? (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <LetterStatusTag status={person.letterStatus} t={t} />
            <Clause>{t('staffPage.clauseLetters')}</Clause>
          </Flex>
          <div>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('staffPage.letter.history')}
            </Typography.Title>
            {person.letters.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('staffPage.letter.none')} />
            ) : (
              <List
                size="small"
                bordered
                dataSource={[...person.letters].reverse()}
                renderItem={(letter) => (
                  <List.Item
                    actions={[
                      <a
                        key="scan"
                        href={letterScanUrl(schoolId, person.staffId, letter.letterId)}
                        target="_blank"
                        rel="noopener noreferrer"
                        data-testid="letter-scan-link"
                      >
                        {letter.scanContentType === 'application/pdf' ? (
                          <FilePdfOutlined />
                        ) : (
                          <FileImageOutlined />
                        )}{' '}
                        {t('staffPage.letter.view')}
                      </a>,
                    ]}
                  >
                    {t('staffPage.letter.period', {
                      from: formatDate(letter.signedOn, lang),
                      to: formatDate(letter.validUntil, lang),
                    })}
                  </List.Item>
                )}
              />
            )}
          </div>
          <div>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('staffPage.letter.upload')}
            </Typography.Title>
            {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} /> : null}
            <Form<LetterForm> form={form} layout="vertical" onFinish={onFinish} disabled={upload.isPending}>
              <Flex gap={12} wrap>
                <Form.Item
                  name="signedOn"
                  label={t('staffPage.letter.signedOn')}
                  rules={[requiredRule(t, 'staffPage.letter.signedOn')]}
                  style={{ flex: '1 1 180px' }}
                >
                  <IsoDatePicker max={todayInShanghai()} aria-label={t('staffPage.letter.signedOn')} />
                </Form.Item>
                <Form.Item
                  name="validUntil"
                  label={t('staffPage.letter.validUntil')}
                  dependencies={['signedOn']}
                  style={{ flex: '1 1 180px' }}
                  rules={[
                    requiredRule(t, 'staffPage.letter.validUntil'),
                    ({ getFieldValue }) => ({
                      validator: (_, value: string | undefined) =>
                        !value || !getFieldValue('signedOn') || value >= getFieldValue('signedOn')
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('staffPage.letter.datesOrder'))),
                    }),
                  ]}
                >
                  <IsoDatePicker min={signedOn ?? undefined} aria-label={t('staffPage.letter.validUntil')} />
                </Form.Item>
              </Flex>
              <Form.Item
                name="file"
                label={t('staffPage.letter.scan')}
                validateStatus={fileError ? 'error' : undefined}
                help={fileError ?? undefined}
              >
                <Upload
                  accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                  maxCount={1}
                  fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
                  beforeUpload={(chosen) => {
                    if (chosen.size > MAX_BYTES) {
                      setFileError(t('staffPage.letter.scan'));
                      return Upload.LIST_IGNORE;
                    }
                    setFile(chosen);
                    setFileError(null);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <Button icon={<UploadOutlined />} data-testid="letter-file">
                    {t('staffPage.letter.choose')}
                  </Button>
                </Upload>
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="letter-submit">
                {t('staffPage.letter.upload')}
              </Button>
            </Form>
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
