// antd's date picker reads weekday and month names from dayjs; register Chinese for it.
import 'dayjs/locale/zh-cn';
import { DatePicker, Flex, Select, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useAudit } from '../../api/queries';
import type { AuditEntry } from '../../api/types';
import { PagedTable, usePaging } from '../../components/paged-table';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { auditActionLabel, KNOWN_AUDIT_ACTIONS, objectTypeLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';

type DateRange = [Dayjs | null, Dayjs | null] | null;

/** F-26: who changed what, when and from where — within the admin's scope. */
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
    { title: t('audit.actor'), key: 'actor', render: (_, entry) => entry.actorName ?? t('audit.system') },
    { title: t('audit.action'), key: 'action', render: (_, entry) => auditActionLabel(t, entry.action) },
    {
      title: t('audit.object'),
      key: 'object',
      render: (_, entry) => (
        <span title={entry.objectId ?? undefined}>
          {objectTypeLabel(t, entry.objectType)}
          {entry.objectId ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
              {entry.objectId.length > 12 ? `${entry.objectId.slice(0, 8)}…` : entry.objectId}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    ...(showSchool
      ? [
          {
            title: t('audit.school'),
            key: 'school',
            render: (_: unknown, entry: AuditEntry) => entry.schoolName ?? empty,
          },
        ]
      : []),
    { title: t('audit.ip'), key: 'ip', render: (_, entry) => entry.ip ?? empty },
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
          options={KNOWN_AUDIT_ACTIONS.map((code) => ({ value: code, label: auditActionLabel(t, code) }))}
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
      />
    </Flex>
  );
}
