import { KeyOutlined, MobileOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { ApiError } from '../api/client';
import { formFailure } from '../api/error-text';
import { type CodeLoginInput, useCodeLogin } from '../api/import-queries';
import { useI18n } from '../i18n/i18n';

/**
 * F-27 first sign-in: mobile + the one-time code the school printed or sent. On success the session
 * asks for a password (RequireSession sends the user to /first-password).
 */
export function CodeLoginForm({
  onSignedIn,
  onFailure,
}: {
  onSignedIn: () => void;
  /** `tooMany`: refused for too many failures (429), when the page offers the unlock code. */
  onFailure: (m: string | null, tooMany?: boolean) => void;
}) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<CodeLoginInput>();
  const login = useCodeLogin();

  const onFinish = (values: CodeLoginInput) => {
    onFailure(null);
    login.mutate(
      { phone: values.phone.trim(), code: values.code.trim() },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'LOGIN_CODE_INVALID') {
            onFailure(t('codeLogin.invalid'));
            form.setFieldValue('code', '');
          } else if (error instanceof ApiError && error.status === 429) {
            onFailure(error.localizedMessage(lang) || t('login.locked'), true);
          } else {
            onFailure(formFailure(form, error, lang, t));
          }
        },
      },
    );
  };

  return (
    <Form<CodeLoginInput>
      form={form}
      name="code-login"
      layout="vertical"
      onFinish={onFinish}
      disabled={login.isPending}
    >
      <Form.Item
        name="phone"
        label={t('codeLogin.phone')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { label: t('codeLogin.phone') }),
          },
        ]}
      >
        <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('codeLogin.code')}
        extra={t('codeLogin.codeHint')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { label: t('codeLogin.code') }) },
        ]}
      >
        <Input prefix={<KeyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={12} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
