import { Descriptions, type DescriptionsProps, Flex, Tag } from 'antd';
import type { ReactNode } from 'react';
import { maskPhone } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { membershipLabel } from '../i18n/labels';
import { useSignedIn } from '../session/auth';
import { Panel } from './surface';

/** Who is signed in: name, username, phone (masked) and the role in use — or all roles. */
export function ProfileCard({
  title,
  allRoles = false,
  extra,
}: {
  title: string;
  allRoles?: boolean;
  extra?: ReactNode;
}) {
  const t = useT();
  const { session, active } = useSignedIn();
  const { user, memberships } = session;

  const items: DescriptionsProps['items'] = [
    { key: 'displayName', label: t('profile.displayName'), children: user.displayName },
    { key: 'username', label: t('profile.username'), children: user.username ?? t('common.empty') },
    { key: 'phone', label: t('profile.phone'), children: maskPhone(user.phone) ?? t('common.empty') },
  ];
  if (allRoles) {
    items.push({
      key: 'roles',
      label: t('profile.roles'),
      children: memberships.length ? (
        <Flex gap={4} wrap>
          {memberships.map((membership) => (
            <Tag key={membership.id} color={membership.id === active?.id ? 'blue' : undefined}>
              {membershipLabel(t, membership)}
            </Tag>
          ))}
        </Flex>
      ) : (
        t('common.empty')
      ),
    });
  } else if (active) {
    items.push({ key: 'role', label: t('profile.role'), children: membershipLabel(t, active) });
  }

  return (
    <Panel title={title} extra={extra}>
      <Descriptions column={1} size="small" items={items} />
    </Panel>
  );
}
