import { KeyOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMembers } from '../../api/queries';
import type { Member } from '../../api/types';
import { PageError } from '../../components/page-state';
import { UserText } from '../../components/user-text';
import { formatDateTime, maskPhone } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import { AddMemberDrawer } from './add-member-drawer';
import { LockedAccountsCard, useUnlockCode } from './unlock-code';

/**
 * The school's accounts and their roles, adding a staff account, and (issue 13.5) the people locked
 * out of signing in, with an unlock code for them or for any staff member.
 */
export function MembersPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const members = useMembers(schoolId);
  const [adding, setAdding] = useState(false);
  const unlock = useUnlockCode(schoolId ?? '');

  const columns: TableColumnsType<Member> = [
    {
      title: t('members.username'),
      key: 'username',
      render: (_, member) => member.username ?? t('common.empty'),
    },
    {
      title: t('members.displayName'),
      key: 'displayName',
      render: (_, member) => <UserText>{member.displayName}</UserText>,
    },
    {
      title: t('members.phone'),
      key: 'phone',
      render: (_, member) => maskPhone(member.phone) ?? t('common.empty'),
    },
    {
      title: t('members.role'),
      key: 'role',
      render: (_, member) => <Tag>{roleLabel(t, member.role)}</Tag>,
    },
    {
      title: t('members.createdAt'),
      key: 'createdAt',
      render: (_, member) => formatDateTime(member.createdAt, lang),
    },
    {
      title: t('members.actions'),
      key: 'actions',
      render: (_, member) => (
        <Button
          type="link"
          size="small"
          icon={<KeyOutlined />}
          loading={unlock.pending === member.userId}
          onClick={() => unlock.give(member.userId)}
        >
          {t('members.unlockCode')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('members.title')}
        </Typography.Title>
        {schoolId ? (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
            {t('members.add')}
          </Button>
        ) : null}
      </Flex>
      {schoolId ? <LockedAccountsCard schoolId={schoolId} /> : null}
      {members.isError ? (
        <PageError error={members.error} onRetry={() => members.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Member>
            rowKey="membershipId"
            columns={columns}
            dataSource={members.data ?? []}
            loading={members.isPending && schoolId !== null}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('members.empty') }}
            pagination={{
              pageSize: 50,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { total }),
            }}
          />
        </Card>
      )}
      {unlock.dialog}
      {schoolId ? (
        <AddMemberDrawer schoolId={schoolId} open={adding} onClose={() => setAdding(false)} />
      ) : null}
    </Flex>
  );
}
