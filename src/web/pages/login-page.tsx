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
import { UnlockForm } from './unlock-form';

// Large controls: many users sign in on a phone, at a school gate or in a classroom.
const authTheme = { token: { controlHeight: 44, fontSize: 16 } };

type Mode = 'password' | 'code' | 'unlock';

export function LoginPage() {
  const { lang, t } = useI18n();
  const { session } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next')) ?? '/';
  const [form] = Form.useForm<LoginInput>();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);
  // A sign-in refused for too many failures (429): the page offers the unlock code (issue 13.5).
  const [refused, setRefused] = useState(false);
  const [unlocked, setUnlocked] = useState(false);
  // F-27: guardians and staff made by an import sign in first with a one-time code; a locked account
  // is unlocked with a code from the school admin.
  const [mode, setMode] = useState<Mode>(() => {
    const asked = searchParams.get('mode');
    return asked === 'code' || asked === 'unlock' ? asked : 'password';
  });
  const [identifier, setIdentifier] = useState('');

  const switchTo = (next: Mode) => {
    setFailure(null);
    setRefused(false);
    setUnlocked(false);
    // The name typed so far goes along (the password form is mounted in password mode only).
    if (mode === 'password') setIdentifier(form.getFieldValue('identifier') ?? identifier);
    setMode(next);
  };

  if (session && !login.isPending) return <Navigate to={next} replace />;

  const onFinish = (values: LoginInput) => {
    setFailure(null);
    setRefused(false);
    setUnlocked(false);
    login.mutate(
      { identifier: values.identifier.trim(), password: values.password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
            setFailure(t('login.invalid'));
            form.setFieldValue('password', '');
          } else if (error instanceof ApiError && error.status === 429) {
            // The server says how long the lock lasts; show its words, and the way out. The password
            // was not checked: it goes, as after a wrong one.
            setFailure(error.localizedMessage(lang) || t('login.locked'));
            setRefused(true);
            form.setFieldValue('password', '');
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
              {mode === 'code'
                ? t('codeLogin.codeMode')
                : mode === 'unlock'
                  ? t('unlock.title')
                  : t('login.title')}
            </Heading>
            {failure ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={mode === 'unlock' ? t('unlock.failedTitle') : t('login.failedTitle')}
                description={
                  refused && mode !== 'unlock' ? (
                    <Flex vertical gap={8} align="flex-start">
                      {failure}
                      <Button
                        size="small"
                        data-testid="login-unlock-offer"
                        onClick={() => switchTo('unlock')}
                      >
                        {t('unlock.offer')}
                      </Button>
                    </Flex>
                  ) : (
                    failure
                  )
                }
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {unlocked && mode === 'password' ? (
              <Alert
                type="success"
                showIcon
                role="status"
                title={t('unlock.done')}
                data-testid="unlock-done"
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {mode === 'unlock' ? (
              <UnlockForm
                identifier={identifier}
                onFailure={setFailure}
                onUnlocked={(typed) => {
                  setIdentifier(typed);
                  switchTo('password');
                  setUnlocked(true);
                }}
              />
            ) : mode === 'code' ? (
              <CodeLoginForm
                onSignedIn={() => navigate(next, { replace: true })}
                onFailure={(m, tooMany = false) => {
                  setFailure(m);
                  setRefused(tooMany);
                }}
              />
            ) : (
              <Form<LoginInput>
                form={form}
                name="login"
                layout="vertical"
                onFinish={onFinish}
                disabled={login.isPending}
                initialValues={{ identifier }}
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
              onClick={() => switchTo(mode === 'password' ? 'code' : 'password')}
            >
              {mode === 'password' ? t('codeLogin.switchToCode') : t('codeLogin.switchToPassword')}
            </Button>
            {mode === 'unlock' ? null : (
              <Button type="link" block data-testid="login-unlock-mode" onClick={() => switchTo('unlock')}>
                {t('unlock.switch')}
              </Button>
            )}
          </Panel>
        </div>
      </main>
    </ConfigProvider>
  );
}
