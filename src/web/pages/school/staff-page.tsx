import { EditOutlined, FileProtectOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Grid,
  Popconfirm,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../api/error-text';
import { type StaffItem, useArchiveStaff, useStaffList } from '../../api/staff-queries';
import { Clause } from '../../components/clause';
import { PageError } from '../../components/page-state';
import { UserText } from '../../components/user-text';
import { formatDate, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import { StaffDrawer } from './staff-drawer';
import { LetterStatusTag, weekdayLabel } from './staff-labels';
import { LeadershipCard } from './staff-leadership-card';
import { StaffLettersDrawer } from './staff-letters-drawer';

/** 看护人员 (F-09): the school's care staff, the leadership group (A 二) and letters (A 三.1). */
export function StaffPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { schoolId } = useActiveMembership();
  const [archived, setArchived] = useState(false);
  const list = useStaffList(schoolId, archived);
  const active = useStaffList(schoolId, false);
  const archive = useArchiveStaff(schoolId ?? '');
  const [editing, setEditing] = useState<StaffItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [lettersOf, setLettersOf] = useState<string | null>(null);
  const letterPerson = list.data?.items.find((s) => s.staffId === lettersOf) ?? null;
  const today = todayInShanghai();
  // On a phone the action column shows icons only, so the names stay in view.
  const compact = !Grid.useBreakpoint().md;
  const action = (label: string) => (compact ? { 'aria-label': label, title: label } : { children: label });

  const columns: TableColumnsType<StaffItem> = [
    { title: t('staffPage.col.staffNo'), key: 'staffNo', render: (_, s) => s.staffNo ?? t('common.empty') },
    {
      title: t('staffPage.col.name'),
      key: 'name',
      render: (_, s) => (
        <Typography.Text strong>
          <UserText>{s.name}</UserText>
        </Typography.Text>
      ),
    },
    { title: t('staffPage.col.kind'), key: 'kind', render: (_, s) => t(`staffPage.kind.${s.kind}`) },
    {
      title: t('staffPage.col.letter'),
      key: 'letter',
      render: (_, s) => {
        const inForce = s.letters.filter((l) => l.signedOn <= today && today <= l.validUntil).at(-1);
        return (
          <Space size={4}>
            <LetterStatusTag status={s.letterStatus} t={t} />
            {inForce ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('staffPage.letterUntil', { date: formatDate(inForce.validUntil, lang) })}
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    { title: t('staffPage.col.phone'), key: 'phone', render: (_, s) => s.phone ?? t('common.empty') },
    {
      title: t('staffPage.col.weekdays'),
      key: 'weekdays',
      render: (_, s) => s.weekdays.map((d) => weekdayLabel(t, d)).join(' '),
    },
    {
      title: t('staffPage.col.leadership'),
      key: 'leadership',
      render: (_, s) =>
        s.leadershipPosition ? (
          <Tag>{t(`staffPage.position.${s.leadershipPosition}`)}</Tag>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t('staffPage.col.account'),
      key: 'account',
      render: (_, s) =>
        s.account ? (
          <Space size={4} wrap>
            <span>{s.account.username ?? s.account.displayName}</span>
            {s.account.roles.map((r) => (
              <Tag key={r} color="blue">
                {roleLabel(t, r)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('staffPage.noAccount')}</Typography.Text>
        ),
    },
    {
      title: t('staffPage.col.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) =>
        s.archivedAt ? (
          <Typography.Text type="secondary">{formatDate(s.archivedAt, lang)}</Typography.Text>
        ) : (
          <Space size={0} wrap>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(s)}
              {...action(t('staffPage.edit'))}
            />
            <Button
              type="link"
              size="small"
              icon={<FileProtectOutlined />}
              onClick={() => setLettersOf(s.staffId)}
              data-testid={`letters-${s.name}`}
              {...action(t('staffPage.letters'))}
            />
            <Popconfirm
              title={t('staffPage.archiveConfirm', { name: s.name })}
              onConfirm={() =>
                archive.mutate(s.staffId, {
                  onSuccess: () => message.success(t('staffPage.archivedDone', { name: s.name })),
                  onError: (error) => message.error(errorText(error)),
                })
              }
            >
              <Button
                type="link"
                size="small"
                danger
                icon={<StopOutlined />}
                {...action(t('staffPage.archive'))}
              />
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('staffPage.title')}
        </Typography.Title>
        {schoolId ? (
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setAdding(true)}
            data-testid="staff-add"
          >
            {t('staffPage.add')}
          </Button>
        ) : null}
      </Flex>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{t('staffPage.intro')}</Typography.Text>
        <Clause>{t('staffPage.clauseLetters')}</Clause>
      </Flex>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          {active.data ? <LeadershipCard list={active.data} /> : null}
          <Card
            size="small"
            styles={{ body: { padding: 0 } }}
            title={t('staffPage.title')}
            extra={
              <Space size={8}>
                <Typography.Text type="secondary">{t('staffPage.showArchived')}</Typography.Text>
                <Switch
                  size="small"
                  checked={archived}
                  onChange={setArchived}
                  aria-label={t('staffPage.showArchived')}
                />
              </Space>
            }
          >
            <Table<StaffItem>
              rowKey="staffId"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isPending && schoolId !== null}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('staffPage.empty') }}
              pagination={{
                pageSize: 50,
                hideOnSinglePage: true,
                showTotal: (total) => t('common.total', { total }),
              }}
            />
          </Card>
        </>
      )}
      {schoolId && active.data ? (
        <StaffDrawer
          schoolId={schoolId}
          list={active.data}
          editing={editing}
          open={adding || editing !== null}
          onClose={() => {
            setAdding(false);
            setEditing(null);
          }}
        />
      ) : null}
      {schoolId ? (
        <StaffLettersDrawer schoolId={schoolId} person={letterPerson} onClose={() => setLettersOf(null)} />
      ) : null}
    </Flex>
  );
}
