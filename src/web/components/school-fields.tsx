import { Flex, Form, Input, InputNumber, Select } from 'antd';
import { useI18n } from '../i18n/i18n';
import { requiredNumberRule } from './form-rules';
import { gradeOptions } from './school-options';

/** The values of the fields below, as a school form holds them. */
export interface SchoolDetailsValues {
  grades: number[];
  teacherCount: number;
  studentCount: number;
  address?: string;
  phone?: string;
}

/**
 * Grades, head-counts, address and phone: the part of a school that the bureau fills in when it
 * creates the school and the school's administrator edits later. Goes inside an antd `Form`.
 */
export function SchoolDetailsFields({
  grades,
}: {
  /** The grades offered: those of the school's type. */
  grades: readonly number[];
}) {
  const { lang, t } = useI18n();
  return (
    <>
      <Form.Item
        name="grades"
        label={t('school.grades')}
        rules={[{ required: true, type: 'array', min: 1, message: t('form.gradesRequired') }]}
      >
        <Select mode="multiple" options={gradeOptions(lang, grades)} />
      </Form.Item>
      {/* Side by side when there is room; stacked on a phone with the form's usual spacing. */}
      <Flex wrap style={{ columnGap: 12 }}>
        <Form.Item
          name="teacherCount"
          label={t('school.teacherCount')}
          rules={[requiredNumberRule(t, 'school.teacherCount')]}
          style={{ flex: '1 1 160px' }}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="studentCount"
          label={t('school.studentCount')}
          rules={[requiredNumberRule(t, 'school.studentCount')]}
          style={{ flex: '1 1 160px' }}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
      </Flex>
      <Form.Item name="address" label={t('school.address')}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="phone" label={t('school.phone')}>
        <Input inputMode="tel" maxLength={32} />
      </Form.Item>
    </>
  );
}
