// antd's date picker reads weekday and month names from dayjs; register Chinese for it.
import 'dayjs/locale/zh-cn';
import { DatePicker, Flex, Select, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAudit } from '../../api/queries';
import type { AuditEntry } from '../../api/types';
import { PagedTable, usePaging } from '../../components/paged-table';
import { MessageWithUserText, UserText } from '../../components/user-text';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AUDIT_FILTER_ACTIONS, auditActionLabel, auditLineMarked } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import { releaseCheckText, releaseEarlyText } from '../gate/release-check';

type DateRange = [Dayjs | null, Dayjs | null] | null;

/** A release's verification and early confirmation (issue 14.4), under its line. */
function ReleaseChecks({ release }: { release: NonNullable<AuditEntry['release']> }) {
  const { t } = useI18n();
  const words = [releaseCheckText(t, release), releaseEarlyText(t, release)].filter(Boolean);
  if (words.length === 0) return null;
  return (
    <Typography.Text type="secondary" data-testid="audit-release-check">
      {words.join(' · ')}
    </Typography.Text>
  );
}

/**
 * F-26: who did what to whom, when and from where — within the admin's scope. Actions and their
 * targets in words in the reader's language (issue 13.9); the server names the targets.
 */
export function AuditPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  // A school administrator reads the school's log; a bureau reads every school of its region.
  const schoolId = membership.role === 'school_admin' ? (membership.schoolId ?? undefined) : undefined;
  const showSchool = membership.role === 'bureau';

  const [range, setRange] = useState<DateRange>(null);
  const [action, setAction] = useState<string | undefined>(undefined);
  const paging = usePaging();

  // The picked days are calendar dates; the server reads them as days in Asia/Shanghai.
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const audit = useAudit({ schoolId, action, from, to, page: paging.page, pageSize: paging.pageSize });

  const empty = t('common.empty');
  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.time'),
      key: 'at',
      render: (_, entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, lang)}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, entry) => (entry.actorName ? <UserText>{entry.actorName}</UserText> : t('audit.system')),
    },
    {
      title: t('audit.what'),
      key: 'what',
      render: (_, entry) => (
        <Flex vertical>
          <span data-testid="audit-line">
            <MessageWithUserText {...auditLineMarked(t, lang, entry)} />
          </span>
          {entry.release ? <ReleaseChecks release={entry.release} /> : null}
        </Flex>
      ),
    },
    ...(showSchool
      ? [
          {
            title: t('audit.school'),
            key: 'school',
            render: (_: unknown, entry: AuditEntry) =>
              entry.schoolName ? <UserText>{entry.schoolName}</UserText> : empty,
          },
        ]
      : []),
    {
      title: t('audit.source'),
      key: 'source',
      render: (_, entry) => (
        <Flex vertical>
          <span>{entry.ip ?? empty}</span>
          {entry.device ? (
            <Typography.Text type="secondary" ellipsis={{ tooltip: entry.device }} style={{ maxWidth: 200 }}>
              {entry.device}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Flex gap={12} wrap>
        <DatePicker.RangePicker
          aria-label={t('audit.dateRange')}
          value={range}
          onChange={(value) => {
            setRange(value);
            paging.firstPage();
          }}
          allowEmpty={[true, true]}
          style={{ flex: '0 1 300px', minWidth: 0 }}
        />
        <Select<string>
          aria-label={t('audit.actionFilter')}
          placeholder={t('audit.allActions')}
          allowClear
          value={action}
          onChange={(value) => {
            setAction(value ?? undefined);
            paging.firstPage();
          }}
          options={AUDIT_FILTER_ACTIONS.map((code) => ({ value: code, label: auditActionLabel(t, code) }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ flex: '0 1 220px', minWidth: 160 }}
        />
      </Flex>
      <PagedTable<AuditEntry>
        query={audit}
        paging={paging}
        columns={columns}
        rowKey="id"
        emptyText={t('audit.empty')}
        label={t('audit.title')}
      />
    </Flex>
  );
}
