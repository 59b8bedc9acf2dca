import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Segmented, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { rosterExportUrl, useGrouping, useRoster, useRosterPrintAudit } from '../../api/grouping-queries';
import { useSchoolTerms } from '../../api/queries';
import { Clause } from '../../components/clause';
import { PageError, PageSpin } from '../../components/page-state';
import { NameText } from '../../components/user-text';
import { formatDate, generatedName, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { defaultTerm, todayWeekday, weekdayLabel } from './grouping-labels';
import { RosterSheet, type SheetGroup } from './roster-sheet';
import './roster-print.css';

/** F-07 学生名册 (A 三.5): per weekday and group, printable (one group a page) and as xlsx (F-28). */
export function RosterPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const termsQuery = useSchoolTerms(schoolId);
  const [params, setParams] = useSearchParams();
  const terms = termsQuery.data ?? [];
  const term = terms.find((x) => x.id === params.get('term')) ?? defaultTerm(terms, todayInShanghai());
  const grouping = useGrouping(schoolId, term?.id ?? null);
  const weekdays = grouping.data?.plan.weekdays ?? [1, 2, 3, 4, 5];
  const asked = Number(params.get('day'));
  const weekday = weekdays.includes(asked)
    ? asked
    : weekdays.includes(todayWeekday())
      ? todayWeekday()
      : (weekdays[0] ?? 1);
  const groupId = params.get('group');
  const roster = useRoster(schoolId, term?.id ?? null, weekday, groupId);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    if (key !== 'group') next.delete('group');
    setParams(next, { replace: true });
  };

  useRosterPrintAudit(schoolId, term?.id ?? null, weekday, groupId);

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;

  const groupOptions = (grouping.data?.groups ?? [])
    .filter((g) => g.weekday === weekday && g.id)
    .map((g) => ({
      value: g.id as string,
      label: <NameText name={g.name} />,
      title: generatedName(g.name, lang),
    }));
  const sheets: SheetGroup[] = roster.data
    ? [
        ...roster.data.groups.map((g) => ({
          key: g.id,
          name: g.name,
          teacherName: g.teacherName,
          venueName: g.venueName,
          capacity: g.capacity,
          children: g.children,
        })),
        ...(roster.data.ungrouped.length > 0
          ? [
              {
                key: 'ungrouped',
                name: t('roster.ungrouped'),
                teacherName: null,
                venueName: null,
                capacity: null,
                children: roster.data.ungrouped,
              },
            ]
          : []),
      ]
    : [];

  return (
    <Flex vertical gap={16} className="kh-roster-print">
      <Flex justify="space-between" align="center" gap={12} wrap className="kh-no-print">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('roster.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={sheets.length === 0}>
            {t('roster.print')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={term ? rosterExportUrl(schoolId, term.id, weekday, groupId) : undefined}
            disabled={!term || !roster.data}
            data-testid="roster-export"
          >
            {t('roster.export')}
          </Button>
        </Space>
      </Flex>
      <Flex gap={12} wrap align="center" className="kh-no-print">
        <Select
          aria-label={t('grouping.term')}
          value={term?.id}
          onChange={(id: string) => set('term', id)}
          options={terms.map((x) => ({
            value: x.id,
            label: <NameText name={x.name} />,
            title: generatedName(x.name, lang),
          }))}
          style={{ minWidth: 200 }}
          popupMatchSelectWidth={false}
          loading={termsQuery.isPending}
        />
        <Segmented
          aria-label={t('roster.weekday')}
          value={weekday}
          onChange={(v) => set('day', String(v))}
          options={weekdays.map((d) => ({ value: d, label: weekdayLabel(t, d) }))}
        />
        <Select
          aria-label={t('roster.group')}
          value={groupId ?? ''}
          onChange={(v: string) => set('group', v === '' ? null : v)}
          options={[{ value: '', label: t('roster.allGroups') }, ...groupOptions]}
          style={{ minWidth: 160 }}
          popupMatchSelectWidth={false}
        />
      </Flex>
      <div className="kh-no-print">
        <Clause>{t('roster.clause')}</Clause>
        {roster.data ? (
          <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
            {t('roster.asOf', { date: formatDate(roster.data.asOf, lang) })}
            {roster.data.fullPhones ? '' : ` · ${t('roster.masked')}`}
          </Typography.Text>
        ) : null}
      </div>
      {termsQuery.isError || roster.isError ? (
        <PageError
          error={termsQuery.error ?? roster.error}
          onRetry={() => (termsQuery.isError ? termsQuery.refetch() : roster.refetch())}
        />
      ) : !roster.data ? (
        <PageSpin fill={false} />
      ) : sheets.length === 0 ? (
        <Empty description={t('roster.noGroups')} />
      ) : (
        sheets.map((g) => <RosterSheet key={g.key} roster={roster.data} group={g} />)
      )}
    </Flex>
  );
}
