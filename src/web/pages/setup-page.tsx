import { Alert, App, Button, ConfigProvider, Divider, Flex, Form, Input, Radio, Result } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formFailure } from '../api/error-text';
import { useSetup, useSetupStatus } from '../api/queries';
import { REGION_LEVELS, type RegionLevel } from '../api/types';
import {
  confirmPasswordRules,
  mobileRule,
  passwordRules,
  REGION_CODE_PATTERN,
  requiredRule,
  requiredSelectRule,
  usernameRule,
} from '../components/form-rules';
import { LanguageSwitch } from '../components/language-switch';
import { PageError, PageSpin } from '../components/page-state';
import { Heading, Muted, Panel } from '../components/surface';
import { useI18n } from '../i18n/i18n';
import { regionLevelLabel } from '../i18n/labels';
import { ROLE_HOME } from '../session/roles';

const authTheme = { token: { controlHeight: 44, fontSize: 16 } };

interface SetupForm {
  region: { name: string; code: string; level: RegionLevel };
  admin: { username: string; displayName: string; phone?: string; password: string; passwordConfirm: string };
}

/** One-time creation of the first bureau and its administrator, from the link the server prints. */
export function SetupPage() {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token')?.trim() ?? '';
  const status = useSetupStatus();
  const setup = useSetup();
  const [form] = Form.useForm<SetupForm>();
  const [failure, setFailure] = useState<string | null>(null);

  const shell = (content: ReactNode, wide = false) => (
    <ConfigProvider theme={authTheme}>
      <main className="kh-auth-page">
        <Flex justify="flex-end" style={{ width: '100%', maxWidth: wide ? 640 : 420 }}>
          <LanguageSwitch />
        </Flex>
        <div className={wide ? 'kh-auth-card kh-auth-card-wide' : 'kh-auth-card'}>
          <Panel style={{ padding: 8 }}>{content}</Panel>
        </div>
      </main>
    </ConfigProvider>
  );

  if (status.isPending) return shell(<PageSpin fill={false} />);
  if (status.isError) return shell(<PageError error={status.error} onRetry={() => status.refetch()} />);
  if (!status.data.needed && !setup.isSuccess) {
    return shell(
      <Result
        status="success"
        title={t('setup.notNeededTitle')}
        subTitle={t('setup.notNeededDesc')}
        extra={
          <Button type="primary" onClick={() => navigate('/login')}>
            {t('setup.goLogin')}
          </Button>
        }
      />,
    );
  }
  if (!token) {
    return shell(
      <Result status="warning" title={t('setup.noTokenTitle')} subTitle={t('setup.noTokenDesc')} />,
    );
  }

  const onFinish = (values: SetupForm) => {
    setFailure(null);
    const phone = values.admin.phone?.trim();
    setup.mutate(
      {
        token,
        region: {
          name: values.region.name.trim(),
          code: values.region.code.trim(),
          level: values.region.level,
        },
        admin: {
          username: values.admin.username.trim(),
          displayName: values.admin.displayName.trim(),
          ...(phone ? { phone } : {}),
          password: values.admin.password,
        },
      },
      {
        onSuccess: (session) => {
          message.success(t('setup.done'));
          const first = session.memberships[0];
          navigate(first ? ROLE_HOME[first.role] : '/', { replace: true });
        },
        onError: (error) => {
          setFailure(
            formFailure(form, error, lang, t, {
              USERNAME_TAKEN: ['admin', 'username'],
              PHONE_TAKEN: ['admin', 'phone'],
              REGION_CODE_TAKEN: ['region', 'code'],
            }),
          );
        },
      },
    );
  };

  return shell(
    <>
      <Heading>{t('setup.title')}</Heading>
      <p>
        <Muted>{t('setup.intro')}</Muted>
      </p>
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={t('setup.failedTitle')}
          description={failure}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<SetupForm>
        form={form}
        name="setup"
        layout="vertical"
        onFinish={onFinish}
        disabled={setup.isPending}
        initialValues={{ region: { level: 'county' } }}
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('setup.regionSection')}</Divider>
        <Form.Item
          name={['region', 'name']}
          label={t('setup.regionName')}
          rules={[requiredRule(t, 'setup.regionName')]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name={['region', 'code']}
          label={t('setup.regionCode')}
          rules={[
            requiredRule(t, 'setup.regionCode'),
            { pattern: REGION_CODE_PATTERN, message: t('form.regionCodeInvalid') },
          ]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item
          name={['region', 'level']}
          label={t('setup.regionLevel')}
          rules={[requiredSelectRule(t, 'setup.regionLevel')]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={REGION_LEVELS.map((level) => ({ value: level, label: regionLevelLabel(t, level) }))}
          />
        </Form.Item>

        <Divider titlePlacement="start">{t('setup.adminSection')}</Divider>
        <Form.Item
          name={['admin', 'username']}
          label={t('setup.username')}
          rules={[requiredRule(t, 'setup.username'), usernameRule(t)]}
        >
          <Input autoComplete="username" autoCapitalize="off" spellCheck={false} maxLength={64} />
        </Form.Item>
        <Form.Item
          name={['admin', 'displayName']}
          label={t('setup.displayName')}
          rules={[requiredRule(t, 'setup.displayName')]}
        >
          <Input autoComplete="name" maxLength={60} />
        </Form.Item>
        <Form.Item name={['admin', 'phone']} label={t('setup.phone')} rules={[mobileRule(t)]}>
          <Input inputMode="tel" autoComplete="tel" maxLength={11} />
        </Form.Item>
        <Form.Item
          name={['admin', 'password']}
          label={t('setup.password')}
          extra={t('setup.passwordHint')}
          rules={passwordRules(t, 'setup.password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name={['admin', 'passwordConfirm']}
          label={t('setup.passwordConfirm')}
          dependencies={[['admin', 'password']]}
          rules={confirmPasswordRules(t, 'setup.passwordConfirm', ['admin', 'password'])}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </>,
    true,
  );
}
