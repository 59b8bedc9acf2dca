import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { errorText, formFailure } from '../../api/error-text';
import { useChangePassword } from '../../api/queries';
import { confirmPasswordRules, passwordRules, requiredRule } from '../../components/form-rules';
import { ProfileCard } from '../../components/profile-card';
import { Heading, Panel } from '../../components/surface';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/auth';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The user's own profile and password. */
export function AccountPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const { session } = useSignedIn();
  const [form] = Form.useForm<PasswordForm>();
  const changePassword = useChangePassword();
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = (values: PasswordForm) => {
    setFailure(null);
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t('account.passwordChanged'));
          form.resetFields();
        },
        onError: (error) => {
          // The server answers WRONG_PASSWORD (403); INVALID_CREDENTIALS is accepted as its older name.
          if (
            error instanceof ApiError &&
            (error.code === 'WRONG_PASSWORD' || error.code === 'INVALID_CREDENTIALS')
          ) {
            form.setFields([{ name: 'currentPassword', errors: [t('account.currentWrong')] }]);
            return;
          }
          if (error instanceof ApiError && error.code === 'WEAK_PASSWORD' && error.fields.length === 0) {
            form.setFields([{ name: 'newPassword', errors: [errorText(error, lang, t)] }]);
            return;
          }
          setFailure(formFailure(form, error, lang, t));
        },
      },
    );
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }} data-testid="account-page">
      <Heading>{t('account.title')}</Heading>
      <ProfileCard title={t('account.profile')} allRoles />
      <Panel title={t('account.changePassword')}>
        {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
        <Form<PasswordForm>
          form={form}
          name="change-password"
          layout="vertical"
          onFinish={onFinish}
          disabled={changePassword.isPending}
        >
          {/* Lets password managers tie the new password to the right account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={session.user.username ?? session.user.phone ?? ''}
            hidden
            readOnly
          />
          <Form.Item
            name="currentPassword"
            label={t('account.currentPassword')}
            rules={[requiredRule(t, 'account.currentPassword')]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.newPassword')}
            extra={t('account.passwordHint')}
            rules={passwordRules(t, 'account.newPassword')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('account.confirmPassword')}
            dependencies={['newPassword']}
            rules={confirmPasswordRules(t, 'account.confirmPassword', 'newPassword')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
            {t('account.submit')}
          </Button>
        </Form>
      </Panel>
    </Flex>
  );
}
