import { BellOutlined, CheckOutlined, KeyOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Flex, Popover } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useNotifications } from '../api/notification-queries';
import { useT } from '../i18n/i18n';
import { useAuth, useSignedIn } from '../session/auth';
import { ROLE_HOME } from '../session/roles';
import { LogoutButton } from './logout-button';
import { MembershipText } from './membership-text';
import { Muted } from './surface';
import { MessageWithUserText, UserText } from './user-text';

/**
 * The user menu: who is signed in, the role in use and the others to switch to, the language,
 * the password and sign-out. Its actions are real buttons so they are easy to reach on a phone.
 */
export function UserMenu() {
  const t = useT();
  const navigate = useNavigate();
  const { session, active } = useSignedIn();
  const { setActiveMembership } = useAuth();
  const [open, setOpen] = useState(false);
  const unread = useNotifications().data?.unread ?? 0;

  const go = (path: string) => {
    setOpen(false);
    navigate(path);
  };

  const panel = (
    <Flex vertical gap={8} style={{ width: 260, maxWidth: 'calc(100vw - 48px)' }}>
      <div>
        <strong>
          <UserText>{session.user.displayName}</UserText>
        </strong>
        <br />
        {session.user.username ? <Muted>{session.user.username}</Muted> : null}
      </div>
      {session.memberships.length > 1 ? (
        <>
          <Divider style={{ margin: '4px 0' }} />
          <Muted>
            <span id="user-menu-roles">{t('user.switchRole')}</span>
          </Muted>
          <Flex vertical gap={4} role="group" aria-labelledby="user-menu-roles">
            {session.memberships.map((membership) => {
              const current = membership.id === active?.id;
              return (
                <Button
                  key={membership.id}
                  type={current ? 'primary' : 'text'}
                  ghost={current}
                  aria-pressed={current}
                  icon={current ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />}
                  style={{
                    justifyContent: 'flex-start',
                    height: 'auto',
                    minHeight: 40,
                    whiteSpace: 'normal',
                  }}
                  onClick={() => {
                    setActiveMembership(membership.id);
                    go(ROLE_HOME[membership.role]);
                  }}
                >
                  <MembershipText membership={membership} />
                </Button>
              );
            })}
          </Flex>
        </>
      ) : active ? (
        <Muted>
          <MessageWithUserText
            text={t('common.labelValue', { label: t('user.currentRole'), value: '{value}' })}
            nodes={{ value: <MembershipText membership={active} /> }}
          />
        </Muted>
      ) : null}
      <Divider style={{ margin: '4px 0' }} />
      <Button block icon={<BellOutlined />} onClick={() => go('/messages')} data-testid="user-menu-messages">
        <Flex component="span" align="center" gap={6}>
          {t('user.messages')}
          <Badge count={unread} size="small" />
        </Flex>
      </Button>
      <Button block icon={<KeyOutlined />} onClick={() => go('/account')}>
        {t('user.changePassword')}
      </Button>
      <LogoutButton block danger />
    </Flex>
  );

  return (
    <Popover content={panel} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        data-testid="user-menu"
        aria-haspopup="dialog"
        aria-expanded={open}
        icon={
          <Badge dot={unread > 0} offset={[-2, 2]}>
            <UserOutlined />
          </Badge>
        }
        className="kh-user-menu"
        style={{ minHeight: 44, paddingInline: 8 }}
      >
        <UserText className="kh-ellipsis">{session.user.displayName}</UserText>
      </Button>
    </Popover>
  );
}
