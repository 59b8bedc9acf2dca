import { Descriptions, type DescriptionsProps, Flex, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useMyStaffRecord } from '../api/home-queries';
import { maskPhone } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { useSignedIn } from '../session/auth';
import { MembershipText } from './membership-text';
import { Panel } from './surface';
import { UserText } from './user-text';

/**
 * Who is signed in: name, username, phone (masked) and the role in use — or all roles. The phone is the
 * account's, else the one the school keeps on the staff record (imported staff sign in by username).
 */
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
  const staffSchool =
    active && active.role !== 'bureau' && active.role !== 'guardian' ? active.schoolId : null;
  const staffRecord = useMyStaffRecord(user.phone ? null : staffSchool);
  const phone = user.phone ?? staffRecord.data?.staff?.phone ?? null;

  const items: DescriptionsProps['items'] = [
    {
      key: 'displayName',
      label: t('profile.displayName'),
      children: <UserText>{user.displayName}</UserText>,
    },
    { key: 'username', label: t('profile.username'), children: user.username ?? t('common.empty') },
    { key: 'phone', label: t('profile.phone'), children: maskPhone(phone) ?? t('common.empty') },
  ];
  if (allRoles) {
    items.push({
      key: 'roles',
      label: t('profile.roles'),
      children: memberships.length ? (
        <Flex gap={4} wrap>
          {memberships.map((membership) => (
            <Tag key={membership.id} color={membership.id === active?.id ? 'blue' : undefined}>
              <MembershipText membership={membership} />
            </Tag>
          ))}
        </Flex>
      ) : (
        t('common.empty')
      ),
    });
  } else if (active) {
    items.push({ key: 'role', label: t('profile.role'), children: <MembershipText membership={active} /> });
  }

  return (
    <Panel title={title} extra={extra}>
      <Descriptions column={1} size="small" items={items} />
    </Panel>
  );
}
