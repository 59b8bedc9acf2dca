// B 四(一) 家长提出书面申请: the school office records a paper form — the child, the guardian's name and
// the date as written on it, the choices, and the scan of the signed form (PDF, JPG or PNG). No scan,
// no consent: the server refuses it, and so does this form.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Radio, Select, Switch, Upload } from 'antd';
import { useState } from 'react';
import {
  type ApplicationForm,
  useApplicationForm,
  useRecordPaperApplication,
} from '../../api/application-queries';
import { formFailure } from '../../api/error-text';
import { useStudents } from '../../api/queries';
import type { Term } from '../../api/types';
import { IsoDatePicker } from '../../components/date-inputs';
import { PageError, PageSpin } from '../../components/page-state';
import { classLabel, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

interface Values {
  studentId: string;
  guardianName: string;
  formDate: string;
  weekdays: number[];
  departureBatch: string;
  extendedCustody: boolean;
  extendedCustodyReason?: string;
  mayLeaveAlone: boolean;
  pickupName?: string;
  pickupRelation?: string;
  pickupPhone?: string;
}

function PaperForm({
  notice,
  schoolId,
  term,
  onDone,
}: {
  notice: ApplicationForm['notice'];
  schoolId: string;
  term: Term;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const students = useStudents(schoolId, { q: search || undefined, page: 1, pageSize: 20 });
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const record = useRecordPaperApplication(schoolId);
  const extended = Form.useWatch('extendedCustody', form);

  const onFinish = async (v: Values) => {
    setFailure(null);
    if (!scan) {
      setScanError(true);
      return;
    }
    const person = v.pickupName?.trim()
      ? [{ name: v.pickupName, relation: v.pickupRelation ?? '', phone: v.pickupPhone ?? '' }]
      : [];
    try {
      await record.mutateAsync({
        scan,
        data: {
          studentId: v.studentId,
          termId: term.id,
          noticeVersion: notice.version,
          guardianName: v.guardianName,
          formDate: v.formDate,
          weekdays: v.weekdays,
          departureBatch: v.departureBatch,
          extendedCustody: v.extendedCustody,
          extendedCustodyReason: v.extendedCustody ? (v.extendedCustodyReason ?? '') : null,
          mayLeaveAlone: v.mayLeaveAlone,
          pickupPersons: person,
        },
      });
      message.success(t('applications.paperSaved'));
      form.resetFields();
      setScan(null);
      onDone();
    } catch (error) {
      setFailure(formFailure(form, error, lang, t));
    }
  };

  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { label }),
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{
        weekdays: notice.weekdays,
        departureBatch: notice.departureBatches[0]?.name,
        extendedCustody: false,
        mayLeaveAlone: false,
        formDate: todayInShanghai(),
      }}
    >
      <Alert type="info" showIcon title={t('applications.paperIntro')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="studentId"
        label={t('applications.paperStudent')}
        rules={[
          { required: true, message: t('common.selectRequired', { label: t('applications.paperStudent') }) },
        ]}
      >
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          placeholder={t('applications.paperStudentSearch')}
          loading={students.isFetching}
          options={(students.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.name} · ${classLabel(s.grade, s.className, lang)} · ${s.studentNo}`,
          }))}
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="guardianName"
          label={t('applications.paperGuardian')}
          rules={[required(t('applications.paperGuardian'))]}
          style={{ flex: 1, minWidth: 160 }}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="formDate"
          label={t('applications.paperDate')}
          rules={[{ required: true, message: t('common.required', { label: t('applications.paperDate') }) }]}
        >
          <IsoDatePicker max={todayInShanghai()} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="weekdays"
        label={t('apply.days')}
        rules={[{ type: 'array', min: 1, message: t('common.selectRequired', { label: t('apply.days') }) }]}
      >
        <Checkbox.Group
          options={notice.weekdays.map((d) => ({ value: d, label: t(`weekday.${d}` as 'weekday.1') }))}
        />
      </Form.Item>
      <Form.Item name="departureBatch" label={t('apply.batch')}>
        <Radio.Group
          options={notice.departureBatches.map((b) => ({ value: b.name, label: `${b.name} ${b.time}` }))}
        />
      </Form.Item>
      <Form.Item name="extendedCustody" label={t('apply.extended')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {extended ? (
        <Form.Item
          name="extendedCustodyReason"
          label={t('apply.extendedReason')}
          rules={[required(t('apply.extendedReason'))]}
        >
          <Input maxLength={200} />
        </Form.Item>
      ) : null}
      <Form.Item name="mayLeaveAlone" label={t('apply.leaveAlone')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="pickupName" label={t('apply.pickupName')} style={{ flex: 1, minWidth: 100 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="pickupRelation" label={t('apply.pickupRelation')} style={{ width: 100 }}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="pickupPhone" label={t('apply.pickupPhone')} style={{ flex: 1, minWidth: 140 }}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('applications.paperScan')}
        required
        validateStatus={scanError ? 'error' : undefined}
        help={scanError ? t('applications.paperScanRequired') : undefined}
      >
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          maxCount={1}
          beforeUpload={(file) => {
            setScan(file);
            setScanError(false);
            return false;
          }}
          onRemove={() => setScan(null)}
          fileList={scan ? [{ uid: 'scan', name: scan.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />}>{t('applications.paperScanPick')}</Button>
        </Upload>
      </Form.Item>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Button type="primary" htmlType="submit" loading={record.isPending} block>
        {t('applications.paper')}
      </Button>
    </Form>
  );
}

export function PaperApplicationDrawer({
  open,
  onClose,
  schoolId,
  schoolCode,
  term,
}: {
  open: boolean;
  onClose: () => void;
  schoolId: string;
  schoolCode: string;
  term: Term;
}) {
  const { t } = useI18n();
  const form = useApplicationForm(open ? schoolCode : null, open ? term.code : null);
  return (
    <Drawer open={open} onClose={onClose} title={t('applications.paperTitle')} size={520} destroyOnHidden>
      {form.isPending ? (
        <PageSpin fill={false} />
      ) : form.isError ? (
        <PageError error={form.error} onRetry={() => form.refetch()} />
      ) : (
        <PaperForm notice={form.data.notice} schoolId={schoolId} term={term} onDone={onClose} />
      )}
    </Drawer>
  );
}
