import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { formFailure } from '../../api/error-text';
import { useUpdateSchool } from '../../api/queries';
import type { School, UpdateSchoolInput } from '../../api/types';
import { requiredRule } from '../../components/form-rules';
import { SchoolDetailsFields, type SchoolDetailsValues } from '../../components/school-fields';
import { gradesOfType } from '../../components/school-options';
import { useI18n } from '../../i18n/i18n';

interface EditSchoolForm extends SchoolDetailsValues {
  name: string;
}

function sameGrades(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((grade, i) => grade === b[i]);
}

/** Only what changed is sent; an emptied address or phone is cleared with null. */
function changes(school: School, values: EditSchoolForm): UpdateSchoolInput {
  const patch: UpdateSchoolInput = {};
  const name = values.name.trim();
  if (name !== school.name) patch.name = name;
  const grades = [...values.grades].sort((a, b) => a - b);
  if (!sameGrades(grades, school.grades)) patch.grades = grades;
  if (values.teacherCount !== school.teacherCount) patch.teacherCount = values.teacherCount;
  if (values.studentCount !== school.studentCount) patch.studentCount = values.studentCount;
  const address = values.address?.trim() || null;
  if (address !== school.address) patch.address = address;
  const phone = values.phone?.trim() || null;
  if (phone !== school.phone) patch.phone = phone;
  return patch;
}

export function EditSchoolModal({
  school,
  open,
  onClose,
}: {
  school: School;
  open: boolean;
  onClose: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditSchoolForm>();
  const update = useUpdateSchool(school.id);
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const onFinish = (values: EditSchoolForm) => {
    setFailure(null);
    const patch = changes(school, values);
    if (Object.keys(patch).length === 0) {
      close();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        message.success(t('school.saved'));
        close();
      },
      onError: (error) => {
        setFailure(formFailure(form, error, lang, t));
      },
    });
  };

  return (
    <Modal
      title={t('school.edit')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form<EditSchoolForm>
        form={form}
        name="edit-school"
        layout="vertical"
        onFinish={onFinish}
        disabled={update.isPending}
        initialValues={{
          name: school.name,
          grades: school.grades,
          teacherCount: school.teacherCount,
          studentCount: school.studentCount,
          address: school.address ?? '',
          phone: school.phone ?? '',
        }}
      >
        <Form.Item name="name" label={t('school.name')} rules={[requiredRule(t, 'school.name')]}>
          <Input maxLength={60} />
        </Form.Item>
        <SchoolDetailsFields grades={gradesOfType(school.type)} />
      </Form>
    </Modal>
  );
}
