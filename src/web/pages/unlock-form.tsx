import { KeyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { ApiError } from '../api/client';
import { formFailure } from '../api/error-text';
import { type UnlockInput, useUnlock } from '../api/unlock-queries';
import { useI18n } from '../i18n/i18n';

/**
 * Issue 13.5: someone else's wrong guesses can lock an account for 15 minutes. The school admin gives
 * the locked person an unlock code; typed here with their username or phone, it lifts the lock (it
 * signs nobody in), and the person then signs in with their password.
 */
export function UnlockForm({
  identifier,
  onUnlocked,
  onFailure,
}: {
  identifier: string;
  onUnlocked: (identifier: string) => void;
  onFailure: (m: string | null) => void;
}) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<UnlockInput>();
  const unlock = useUnlock();

  const onFinish = (values: UnlockInput) => {
    onFailure(null);
    const typed = values.identifier.trim();
    unlock.mutate(
      { identifier: typed, code: values.code.trim() },
      {
        onSuccess: () => onUnlocked(typed),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'UNLOCK_CODE_INVALID') {
            onFailure(t('unlock.invalid'));
            form.setFieldValue('code', '');
          } else if (error instanceof ApiError && error.status === 429) {
            onFailure(error.localizedMessage(lang) || t('login.locked'));
          } else {
            onFailure(formFailure(form, error, lang, t));
          }
        },
      },
    );
  };

  return (
    <Form<UnlockInput>
      form={form}
      name="unlock"
      layout="vertical"
      onFinish={onFinish}
      disabled={unlock.isPending}
      initialValues={{ identifier }}
    >
      <p style={{ marginTop: 0 }}>{t('unlock.intro')}</p>
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
        <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" spellCheck={false} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('unlock.code')}
        extra={t('unlock.codeHint')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { label: t('unlock.code') }) },
        ]}
      >
        <Input prefix={<KeyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={12} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={unlock.isPending} data-testid="unlock-submit">
        {t('unlock.submit')}
      </Button>
    </Form>
  );
}
