import { Alert, App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { formFailure } from '../../api/error-text';
import { useCreateMember } from '../../api/queries';
import { STAFF_ROLES, type StaffRole } from '../../api/types';
import {
  mobileRule,
  passwordRules,
  requiredRule,
  requiredSelectRule,
  usernameRule,
} from '../../components/form-rules';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from '../../i18n/labels';

interface AddMemberForm {
  username: string;
  displayName: string;
  phone?: string;
  role: StaffRole;
  password: string;
}

export function AddMemberDrawer({
  schoolId,
  open,
  onClose,
}: {
  schoolId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddMemberForm>();
  const createMember = useCreateMember(schoolId);
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    onClose();
  };

  const onFinish = (values: AddMemberForm) => {
    setFailure(null);
    const phone = values.phone?.trim();
    createMember.mutate(
      {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        ...(phone ? { phone } : {}),
        role: values.role,
        password: values.password,
      },
      {
        onSuccess: (member) => {
          message.success(t('members.created', { name: member.displayName }));
          form.resetFields();
          close();
        },
        onError: (error) => {
          setFailure(formFailure(form, error, lang, t, { USERNAME_TAKEN: 'username', PHONE_TAKEN: 'phone' }));
        },
      },
    );
  };

  return (
    <Drawer
      title={t('members.add')}
      open={open}
      onClose={close}
      size="min(480px, 100vw)"
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={createMember.isPending} onClick={() => form.submit()}>
            {t('common.create')}
          </Button>
        </Flex>
      }
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      <Form<AddMemberForm>
        form={form}
        name="add-member"
        layout="vertical"
        onFinish={onFinish}
        disabled={createMember.isPending}
        initialValues={{ role: 'care_teacher' }}
        scrollToFirstError
      >
        <Form.Item
          name="username"
          label={t('members.username')}
          rules={[requiredRule(t, 'members.username'), usernameRule(t)]}
        >
          <Input autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('members.displayName')}
          rules={[requiredRule(t, 'members.displayName')]}
        >
          <Input autoComplete="off" maxLength={60} />
        </Form.Item>
        <Form.Item name="phone" label={t('members.phoneOptional')} rules={[mobileRule(t)]}>
          <Input inputMode="tel" autoComplete="off" maxLength={11} />
        </Form.Item>
        <Form.Item name="role" label={t('members.role')} rules={[requiredSelectRule(t, 'members.role')]}>
          <Select options={STAFF_ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('members.initialPassword')}
          extra={t('members.initialPasswordHint')}
          rules={passwordRules(t, 'members.initialPassword')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
