import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router';
import { useErrorText } from '../api/error-text';
import { useLogout } from '../api/queries';
import { useT } from '../i18n/i18n';
import { useAuth } from '../session/auth';

export function LogoutButton(props: Omit<ButtonProps, 'onClick' | 'loading' | 'children'>) {
  const t = useT();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = App.useApp();
  const describe = useErrorText();
  const { setSigningOut } = useAuth();
  return (
    <Button
      icon={<LogoutOutlined />}
      {...props}
      loading={logout.isPending}
      onClick={() => {
        setSigningOut(true);
        logout.mutate(undefined, {
          onSuccess: () => {
            message.success(t('user.loggedOut'));
            navigate('/login', { replace: true });
          },
          onError: (error) => {
            setSigningOut(false);
            message.error(describe(error));
          },
        });
      }}
    >
      {t('user.logout')}
    </Button>
  );
}
