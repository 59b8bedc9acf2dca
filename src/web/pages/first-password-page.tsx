import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, ConfigProvider, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { formFailure } from '../api/error-text';
import { useFirstPassword } from '../api/import-queries';
import { LanguageSwitch } from '../components/language-switch';
import { Heading, Muted, Panel } from '../components/surface';
import { useI18n } from '../i18n/i18n';
import { useAuth } from '../session/auth';
import { safeNextPath } from '../session/roles';

const authTheme = { token: { controlHeight: 44, fontSize: 16 } };

interface Values {
  newPassword: string;
  confirmPassword: string;
}

/** After a sign-in with a one-time code: the account's first password, before anything else. */
export function FirstPasswordPage() {
  const { lang, t } = useI18n();
  const { session } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next')) ?? '/';
  const [form] = Form.useForm<Values>();
  const setPassword = useFirstPassword();
  const [failure, setFailure] = useState<string | null>(null);

  if (!session) return <Navigate to="/login" replace />;
  if (!session.user.mustSetPassword && !setPassword.isPending) return <Navigate to={next} replace />;

  const onFinish = (values: Values) => {
    setFailure(null);
    setPassword.mutate(values.newPassword, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (error) => setFailure(formFailure(form, error, lang, t)),
    });
  };

  return (
    <ConfigProvider theme={authTheme}>
      <main className="kh-auth-page">
        <Flex justify="flex-end" style={{ width: '100%', maxWidth: 420 }}>
          <LanguageSwitch />
        </Flex>
        <div className="kh-auth-card">
          <Panel style={{ padding: 8 }}>
            <Heading level={2} style={{ marginBottom: 8 }}>
              {t('firstPassword.title')}
            </Heading>
            <Muted>{t('firstPassword.intro')}</Muted>
            {failure ? (
              <Alert type="error" showIcon role="alert" title={failure} style={{ margin: '16px 0' }} />
            ) : null}
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={onFinish}
              disabled={setPassword.isPending}
              style={{ marginTop: 16 }}
            >
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                extra={t('account.passwordHint')}
                rules={[
                  { required: true, message: t('common.required', { label: t('account.newPassword') }) },
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('account.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('common.required', { label: t('account.confirmPassword') }) },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || value === getFieldValue('newPassword')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('firstPassword.mismatch'))),
                  }),
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={setPassword.isPending}>
                {t('firstPassword.submit')}
              </Button>
            </Form>
          </Panel>
        </div>
      </main>
    </ConfigProvider>
  );
}
