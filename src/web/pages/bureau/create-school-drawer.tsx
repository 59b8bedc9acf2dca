import { Alert, App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { formFailure } from '../../api/error-text';
import { useCreateSchool } from '../../api/queries';
import type { CreateSchoolInput, Region, SchoolType } from '../../api/types';
import { requiredRule, requiredSelectRule, SCHOOL_CODE_PATTERN } from '../../components/form-rules';
import { SchoolDetailsFields, type SchoolDetailsValues } from '../../components/school-fields';
import { gradesOfType, schoolTypeOptions } from '../../components/school-options';
import { useI18n } from '../../i18n/i18n';

interface CreateSchoolForm extends SchoolDetailsValues {
  regionId: string;
  code: string;
  name: string;
  type: SchoolType;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** The regions a school may be placed in, with the names to show. */
  regionChoices: { region: Region; label: string }[];
}

export function CreateSchoolDrawer({ open, onClose, regionChoices }: Props) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateSchoolForm>();
  const createSchool = useCreateSchool();
  const [failure, setFailure] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const onFinish = (values: CreateSchoolForm) => {
    setFailure(null);
    const address = values.address?.trim();
    const phone = values.phone?.trim();
    const input: CreateSchoolInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      type: values.type,
      grades: [...values.grades].sort((a, b) => a - b),
      teacherCount: values.teacherCount,
      studentCount: values.studentCount,
      ...(address ? { address } : {}),
      ...(phone ? { phone } : {}),
    };
    createSchool.mutate(
      { regionId: values.regionId, input },
      {
        onSuccess: (school) => {
          message.success(t('bureau.schoolCreated', { name: school.name }));
          form.resetFields();
          close();
        },
        onError: (error) => {
          setFailure(formFailure(form, error, lang, t, { SCHOOL_CODE_TAKEN: 'code' }));
        },
      },
    );
  };

  const onlyRegion = regionChoices.length === 1 ? regionChoices[0]?.region.id : undefined;

  return (
    <Drawer
      title={t('bureau.createSchool')}
      open={open}
      onClose={close}
      size="min(520px, 100vw)"
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={createSchool.isPending} onClick={() => form.submit()}>
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateSchoolForm>
        form={form}
        name="create-school"
        layout="vertical"
        onFinish={onFinish}
        disabled={createSchool.isPending}
        initialValues={{ type: 'primary', grades: gradesOfType('primary'), regionId: onlyRegion }}
        onValuesChange={(changed: Partial<CreateSchoolForm>) => {
          if (changed.type) form.setFieldValue('grades', gradesOfType(changed.type));
        }}
        scrollToFirstError
      >
        <Form.Item
          name="regionId"
          label={t('school.county')}
          rules={[requiredSelectRule(t, 'school.county')]}
        >
          <Select
            options={regionChoices.map(({ region, label }) => ({ value: region.id, label }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('school.code')}
          rules={[
            requiredRule(t, 'school.code'),
            { pattern: SCHOOL_CODE_PATTERN, message: t('form.schoolCodeInvalid') },
          ]}
        >
          <Input inputMode="numeric" maxLength={10} />
        </Form.Item>
        <Form.Item name="name" label={t('school.name')} rules={[requiredRule(t, 'school.name')]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="type" label={t('school.type')} rules={[requiredSelectRule(t, 'school.type')]}>
          <Select options={schoolTypeOptions(t)} />
        </Form.Item>
        <SchoolDetailsFields grades={gradesOfType(type ?? 'nine_year')} />
      </Form>
    </Drawer>
  );
}
