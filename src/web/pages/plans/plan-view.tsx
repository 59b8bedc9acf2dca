// A term plan read-only: what the bureau reviews (B 六(五) 审定) and what the school sees while its
// plan is submitted or approved.
import { Card, Descriptions, Flex, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TermPlan } from '../../../domain/plan';
import { formatDate, formatGrades } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { activityCategoryLabel, insuranceKindLabel, sessionKindLabel } from '../../i18n/labels';

type Session = TermPlan['timetable'][number];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} id={id} styles={{ body: { padding: 0 } }}>
      {children}
    </Card>
  );
}

function datedText(from: string | undefined, until: string | undefined, lang: 'zh-CN' | 'en', none: string) {
  if (!from || !until) return <Typography.Text type="danger">{none}</Typography.Text>;
  return `${formatDate(from, lang)} – ${formatDate(until, lang)}`;
}

export function PlanView({ plan }: { plan: TermPlan }) {
  const { lang, t } = useI18n();
  const venueName = new Map(plan.venues.map((v) => [v.id, v.name]));
  const staffName = new Map(plan.staff.map((s) => [s.id, s.name]));
  const sep = lang === 'en' ? ', ' : '、';
  const days = (w: readonly number[] | undefined) =>
    (w ?? []).map((d) => t(`weekday.${d}` as 'weekday.1')).join(sep);
  const empty = t('common.empty');

  const sessionColumns: TableColumnsType<Session> = [
    {
      title: t('plan.f.time'),
      key: 'time',
      render: (_, s) => <span style={{ whiteSpace: 'nowrap' }}>{`${s.start}–${s.end}`}</span>,
    },
    {
      title: t('plan.f.sessionDays'),
      key: 'days',
      render: (_, s) => (s.weekdays ? days(s.weekdays) : t('plan.f.everyDay')),
    },
    { title: t('plan.f.activity'), dataIndex: 'activity', key: 'activity' },
    {
      title: t('plan.f.category'),
      key: 'category',
      render: (_, s) => activityCategoryLabel(lang, s.category),
    },
    { title: t('plan.f.kind'), key: 'kind', render: (_, s) => sessionKindLabel(lang, s.kind) },
    { title: t('plan.f.venue'), key: 'venue', render: (_, s) => venueName.get(s.venueId) ?? s.venueId },
    {
      title: t('plan.f.staff'),
      key: 'staff',
      render: (_, s) => s.staffIds.map((id) => staffName.get(id) ?? id).join(sep) || empty,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="plan-view">
      <Card size="small" title={t('plan.section.basics')} id="plan-basics">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            ...(plan.startsOn
              ? [
                  {
                    key: 'startsOn',
                    label: t('plan.startsOn.title'),
                    children: formatDate(plan.startsOn, lang),
                  },
                ]
              : []),
            { key: 'weekdays', label: t('plan.f.weekdays'), children: days(plan.weekdays) || empty },
            { key: 'grades', label: t('plan.f.grades'), children: formatGrades(plan.grades, lang) || empty },
            {
              key: 'expected',
              label: t('plan.f.expectedStudents'),
              children: plan.expectedStudents ?? empty,
            },
            {
              key: 'end',
              label: t('plan.f.endTimes'),
              children: t('plan.endTimesValue', { summer: plan.endTimes.summer, other: plan.endTimes.other }),
            },
          ]}
        />
      </Card>
      <Section id="plan-timetable" title={t('plan.section.timetable')}>
        <Table<Session>
          size="small"
          rowKey={(s) => `${s.start}-${s.end}-${s.activity}-${s.venueId}`}
          columns={sessionColumns}
          dataSource={plan.timetable}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.emptyList') }}
        />
      </Section>
      <Section id="plan-departureBatches" title={t('plan.section.batches')}>
        <Table
          size="small"
          rowKey={(b) => `${b.name}-${b.time}`}
          pagination={false}
          dataSource={plan.departureBatches}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.batchName'), dataIndex: 'name', key: 'name' },
            { title: t('plan.f.batchTime'), dataIndex: 'time', key: 'time' },
            {
              title: t('plan.f.batchSeasons'),
              key: 'seasons',
              render: (_, b) =>
                b.seasons?.length === 1
                  ? t(`plan.season.${b.seasons[0] ?? 'summer'}`)
                  : t('plan.season.both'),
            },
          ]}
        />
      </Section>
      <Section id="plan-venues" title={t('plan.section.venues')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={plan.venues}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.venueName'), dataIndex: 'name', key: 'name' },
            { title: t('plan.f.capacity'), dataIndex: 'capacity', key: 'capacity', align: 'right' },
            {
              title: t('plan.f.inspection'),
              key: 'inspection',
              render: (_, v) =>
                datedText(v.safetyInspection?.passedOn, v.safetyInspection?.validUntil, lang, t('plan.none')),
            },
          ]}
        />
      </Section>
      <Section id="plan-staff" title={t('plan.section.staff')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={plan.staff}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.staffName'), dataIndex: 'name', key: 'name' },
            { title: t('plan.f.role'), key: 'role', render: (_, s) => t(`plan.role.${s.role}`) },
            {
              title: t('plan.f.letter'),
              key: 'letter',
              render: (_, s) =>
                datedText(
                  s.responsibilityLetter?.signedOn,
                  s.responsibilityLetter?.validUntil,
                  lang,
                  t('plan.none'),
                ),
            },
          ]}
        />
      </Section>
      <Section id="plan-groups" title={t('plan.section.groups')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={plan.groups}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.groupName'), dataIndex: 'name', key: 'name' },
            { title: t('plan.f.grades'), key: 'grades', render: (_, g) => formatGrades(g.grades, lang) },
            {
              title: t('plan.f.venue'),
              key: 'venue',
              render: (_, g) => (g.venueId ? (venueName.get(g.venueId) ?? g.venueId) : empty),
            },
            {
              title: t('plan.f.teacher'),
              key: 'teacher',
              render: (_, g) => (g.teacherId ? (staffName.get(g.teacherId) ?? g.teacherId) : empty),
            },
          ]}
        />
      </Section>
      <Card size="small" title={t('plan.section.contacts')} id="plan-emergencyContacts">
        <Flex vertical gap={8}>
          <Typography.Text>
            {t('common.labelValue', {
              label: t('plan.f.principalPhone'),
              value: plan.principalOfficePhone || empty,
            })}
          </Typography.Text>
          <ul className="kh-plain-list">
            {plan.emergencyContacts.map((c) => (
              <li key={`${c.name}-${c.phone}`}>
                {lang === 'en' ? `${c.name} (${c.role})` : `${c.name}（${c.role}）`} {c.phone}
              </li>
            ))}
          </ul>
        </Flex>
      </Card>
      <Section id="plan-insurance" title={t('plan.section.insurance')}>
        <Table
          size="small"
          rowKey={(p) => `${p.kind}-${p.number}`}
          pagination={false}
          dataSource={plan.insurance}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            {
              title: t('plan.f.insuranceKind'),
              key: 'kind',
              render: (_, p) => insuranceKindLabel(lang, p.kind),
            },
            { title: t('plan.f.insurer'), dataIndex: 'insurer', key: 'insurer' },
            { title: t('plan.f.policyNumber'), dataIndex: 'number', key: 'number' },
            {
              title: t('plan.f.cover'),
              key: 'cover',
              render: (_, p) => datedText(p.coverFrom, p.coverTo, lang, t('plan.none')),
            },
          ]}
        />
      </Section>
    </Flex>
  );
}
