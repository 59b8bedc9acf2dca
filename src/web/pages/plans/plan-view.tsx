// A term plan read-only: what the bureau reviews (B 六(五) 审定) and what the school sees while its
// plan is submitted or approved.
import { Card, Descriptions, Flex, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TermPlan } from '../../../domain/plan';
import { NameText, UserText } from '../../components/user-text';
import { formatDate, formatGrades } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { activityCategoryLabel, insuranceKindLabel, sessionKindLabel } from '../../i18n/labels';
import { standardRoleLabel } from '../../i18n/role-names';

type Session = TermPlan['timetable'][number];

/**
 * A section with a table. The table scrolls sideways in a region a keyboard can reach and a screen
 * reader names (axe `scrollable-region-focusable`), not in antd's own unnamed scroll box.
 */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} id={id} styles={{ body: { padding: 0 } }}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section tabIndex={0} aria-label={title} className="kh-scroll-region" style={{ overflowX: 'auto' }}>
        {children}
      </section>
    </Card>
  );
}

function datedText(from: string | undefined, until: string | undefined, lang: 'zh-CN' | 'en', none: string) {
  if (!from || !until) return <Typography.Text type="danger">{none}</Typography.Text>;
  return `${formatDate(from, lang)} – ${formatDate(until, lang)}`;
}

export function PlanView({ plan }: { plan: TermPlan }) {
  const { lang, t } = useI18n();
  const venueNames = new Map(plan.venues.map((v) => [v.id, v.name]));
  const staffNames = new Map(plan.staff.map((s) => [s.id, s.name]));
  // Venues and people are named by the school: user text in either language (issue 14.13).
  const venueName = (id: string) => <UserText>{venueNames.get(id) ?? id}</UserText>;
  const staffName = (id: string) => <UserText>{staffNames.get(id) ?? id}</UserText>;
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
    {
      title: t('plan.f.activity'),
      key: 'activity',
      render: (_, s) => <UserText>{s.activity}</UserText>,
    },
    {
      title: t('plan.f.category'),
      key: 'category',
      render: (_, s) => activityCategoryLabel(lang, s.category),
    },
    { title: t('plan.f.kind'), key: 'kind', render: (_, s) => sessionKindLabel(lang, s.kind) },
    { title: t('plan.f.venue'), key: 'venue', render: (_, s) => venueName(s.venueId) },
    {
      title: t('plan.f.staff'),
      key: 'staff',
      render: (_, s) =>
        s.staffIds.length === 0 ? (
          empty
        ) : (
          <UserText>{s.staffIds.map((id) => staffNames.get(id) ?? id).join(sep)}</UserText>
        ),
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
          locale={{ emptyText: t('plan.emptyList') }}
        />
      </Section>
      <Section id="plan-departureBatches" title={t('plan.section.batches')}>
        <Table
          size="small"
          rowKey={(b) => `${b.name}-${b.time}`}
          pagination={false}
          dataSource={plan.departureBatches}
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.batchName'), key: 'name', render: (_, b) => <NameText name={b.name} /> },
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
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.venueName'), key: 'name', render: (_, v) => <UserText>{v.name}</UserText> },
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
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.staffName'), key: 'name', render: (_, s) => <UserText>{s.name}</UserText> },
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
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            { title: t('plan.f.groupName'), key: 'name', render: (_, g) => <NameText name={g.name} /> },
            { title: t('plan.f.grades'), key: 'grades', render: (_, g) => formatGrades(g.grades, lang) },
            {
              title: t('plan.f.venue'),
              key: 'venue',
              render: (_, g) => (g.venueId ? venueName(g.venueId) : empty),
            },
            {
              title: t('plan.f.teacher'),
              key: 'teacher',
              render: (_, g) => (g.teacherId ? staffName(g.teacherId) : empty),
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
                <ContactLine name={c.name} role={c.role} /> {c.phone}
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
          locale={{ emptyText: t('plan.emptyList') }}
          columns={[
            {
              title: t('plan.f.insuranceKind'),
              key: 'kind',
              render: (_, p) => insuranceKindLabel(lang, p.kind),
            },
            {
              title: t('plan.f.insurer'),
              key: 'insurer',
              render: (_, p) => <UserText>{p.insurer}</UserText>,
            },
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

/** `林校长（组长（看护工作第一责任人））`: the standard roles in the UI language, the school's own wording as user text. */
function ContactLine({ name, role }: { name: string; role: string }) {
  const { lang } = useI18n();
  const standard = standardRoleLabel(lang, role);
  const roleText = standard ?? <UserText>{role}</UserText>;
  return lang === 'en' ? (
    <>
      <UserText>{name}</UserText> ({roleText})
    </>
  ) : (
    <>
      <UserText>{name}</UserText>（{roleText}）
    </>
  );
}
