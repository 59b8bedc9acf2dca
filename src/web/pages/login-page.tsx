import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, ConfigProvider, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { formFailure } from '../api/error-text';
import { useLogin } from '../api/queries';
import type { LoginInput } from '../api/types';
import { LanguageSwitch } from '../components/language-switch';
import { Heading, Muted, Panel } from '../components/surface';
import { useI18n } from '../i18n/i18n';
import { useAuth } from '../session/auth';
import { safeNextPath } from '../session/roles';
import { CodeLoginForm } from './code-login-form';

// Large controls: many users sign in on a phone, at a school gate or in a classroom.
const authTheme = { token: { controlHeight: 44, fontSize: 16 } };

export function LoginPage() {
  const { lang, t } = useI18n();
  const { session } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next')) ?? '/';
  const [form] = Form.useForm<LoginInput>();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);
  // F-27: guardians and staff made by an import sign in first with a one-time code.
  const [mode, setMode] = useState<'password' | 'code'>(() =>
    searchParams.get('mode') === 'code' ? 'code' : 'password',
  );

  if (session && !login.isPending) return <Navigate to={next} replace />;

  const onFinish = (values: LoginInput) => {
    setFailure(null);
    login.mutate(
      { identifier: values.identifier.trim(), password: values.password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
            setFailure(t('login.invalid'));
            form.setFieldValue('password', '');
          } else if (error instanceof ApiError && error.status === 429) {
            // The server says how long the lock lasts; show its words.
            setFailure(error.localizedMessage(lang) || t('login.locked'));
          } else {
            setFailure(formFailure(form, error, lang, t));
          }
        },
      },
    );
  };

  return (
    <ConfigProvider theme={authTheme}>
      <main className="kh-auth-page">
        <Flex justify="flex-end" style={{ width: '100%', maxWidth: 420 }}>
          <LanguageSwitch />
        </Flex>
        <div className="kh-auth-card">
          <Panel style={{ padding: 8 }}>
            <Flex vertical gap={4} style={{ marginBottom: 24 }}>
              <Heading>{t('app.name')}</Heading>
              <Muted>
                {t('app.brand')} · {t('app.tagline')}
              </Muted>
            </Flex>
            <Heading level={2} style={{ marginBottom: 16 }}>
              {mode === 'code' ? t('codeLogin.codeMode') : t('login.title')}
            </Heading>
            {failure ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('login.failedTitle')}
                description={failure}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {mode === 'code' ? (
              <CodeLoginForm onSignedIn={() => navigate(next, { replace: true })} onFailure={setFailure} />
            ) : (
              <Form<LoginInput>
                form={form}
                name="login"
                layout="vertical"
                onFinish={onFinish}
                disabled={login.isPending}
              >
                <Form.Item
                  name="identifier"
                  label={t('login.identifier')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('common.required', { label: t('login.identifier') }),
                    },
                  ]}
                >
                  <Input
                    prefix={<UserOutlined />}
                    autoComplete="username"
                    autoCapitalize="off"
                    spellCheck={false}
                  />
                </Form.Item>
                <Form.Item
                  name="password"
                  label={t('login.password')}
                  rules={[{ required: true, message: t('common.required', { label: t('login.password') }) }]}
                >
                  <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block loading={login.isPending}>
                  {t('login.submit')}
                </Button>
              </Form>
            )}
            <Button
              type="link"
              block
              style={{ marginTop: 8 }}
              data-testid="login-mode"
              onClick={() => {
                setFailure(null);
                setMode(mode === 'code' ? 'password' : 'code');
              }}
            >
              {mode === 'code' ? t('codeLogin.switchToPassword') : t('codeLogin.switchToCode')}
            </Button>
          </Panel>
        </div>
      </main>
    </ConfigProvider>
  );
}
