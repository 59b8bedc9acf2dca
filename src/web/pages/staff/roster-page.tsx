import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Segmented, Skeleton, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { type RosterChild, useRoster, useRosterPrintAudit } from '../../api/grouping-queries';
import { useSchoolTerms } from '../../api/queries';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { NameText, UserText } from '../../components/user-text';
import { todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { relationLabel } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import { defaultTerm, todayWeekday, weekdayLabel } from '../school/grouping-labels';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function Contact({ c }: { c: { name: string; relation: string; phone: string | null } }) {
  const { t, lang } = useI18n();
  return (
    <Flex justify="space-between" align="center" gap={8} wrap>
      <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        <UserText>{c.name}</UserText>
        {lang === 'en' ? ` (${relationLabel(t, lang, c.relation)})` : `（${c.relation}）`}
      </span>
      {c.phone && !c.phone.includes('*') ? (
        <Button
          size="small"
          icon={<PhoneOutlined />}
          href={`tel:${c.phone}`}
          aria-label={t('common.call', { phone: c.phone })}
        >
          {c.phone}
        </Button>
      ) : (
        <Muted>{c.phone ?? ''}</Muted>
      )}
    </Flex>
  );
}

function ChildRow({ child }: { child: RosterChild }) {
  const { t } = useI18n();
  return (
    <li style={{ listStyle: 'none', padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="baseline" gap={8} wrap>
          <strong>
            <UserText>{child.name}</UserText>
          </strong>
          <Muted>
            <NameText name={child.className} />
          </Muted>
        </Flex>
        <Flex gap={4} wrap>
          <Tag>
            <NameText name={child.departureBatch} />
          </Tag>
          {child.extendedCustody ? <Tag color="purple">{t('roster.col.custody')}</Tag> : null}
          {child.mayLeaveAlone ? <Tag color="green">{t('roster.col.alone')}</Tag> : null}
        </Flex>
        {child.guardians.map((g) => (
          <Contact key={`g${g.name}${g.relation}`} c={g} />
        ))}
        {child.pickupPersons.length > 0 ? (
          <Muted style={{ fontSize: 14 }}>{t('roster.col.pickup')}</Muted>
        ) : null}
        {child.pickupPersons.map((p) => (
          <Flex key={p.id} gap={8} align="center">
            {p.photoUrl ? (
              // F-13: the photo the guardian gave, to check who collects the child.
              <img
                src={p.photoUrl}
                // Named by the person it shows, as typed (user text: the every-page English check).
                alt={p.name}
                data-user-text=""
                lang={/\p{Script=Han}/u.test(p.name) ? 'zh-CN' : undefined}
                loading="lazy"
                width={40}
                height={40}
                style={{ objectFit: 'cover', borderRadius: 6, flex: 'none' }}
                data-testid="pickup-photo"
              />
            ) : null}
            <div style={{ flex: 1, minWidth: 0 }}>
              <Contact c={p} />
            </div>
          </Flex>
        ))}
      </Flex>
    </li>
  );
}

/**
 * F-07 on a phone: the care teacher's own groups of a weekday, guardians a tap away (A 三.5); the duty
 * chief, who reconciles every child at day end (A 三.6), sees every group.
 */
export function TeacherRosterPage() {
  const { t, lang } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const terms = useSchoolTerms(schoolId);
  const [params, setParams] = useSearchParams();
  const term = defaultTerm(terms.data ?? [], todayInShanghai());
  const asked = Number(params.get('day'));
  const today = todayWeekday();
  const weekday = WEEKDAYS.slice(0, 5).includes(asked) ? asked : today <= 5 ? today : 1;
  const roster = useRoster(term ? schoolId : null, term?.id ?? null, weekday, null);
  useRosterPrintAudit(schoolId, term?.id ?? null, weekday, null);

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;

  return (
    <Flex vertical gap={12} data-testid="teacher-roster">
      <Heading>{roster.data?.scope === 'school' ? t('roster.title') : t('roster.mine')}</Heading>
      <Segmented
        block
        aria-label={t('roster.weekday')}
        value={weekday}
        onChange={(v) => setParams({ day: String(v) }, { replace: true })}
        options={WEEKDAYS.slice(0, 5).map((d) => ({ value: d, label: weekdayLabel(t, d).replace('周', '') }))}
      />
      {terms.isError || roster.isError ? (
        <PageError error={terms.error ?? roster.error} onRetry={() => roster.refetch()} />
      ) : !roster.data ? (
        <Skeleton active />
      ) : roster.data.groups.length === 0 && roster.data.ungrouped.length === 0 ? (
        <Panel>
          <Muted>
            {roster.data.scope === 'school'
              ? t('roster.noGroups')
              : t('roster.noOwnGroups', { day: weekdayLabel(t, weekday) })}
          </Muted>
        </Panel>
      ) : (
        roster.data.groups.map((g) => (
          <Panel
            key={g.id}
            title={<NameText name={g.name} />}
            extra={<Tag>{t('roster.count', { count: g.children.length })}</Tag>}
            data-testid="teacher-roster-group"
          >
            <Muted>
              <NameText name={roster.data.term.name} /> · {weekdayLabel(t, weekday)} · {t('roster.venue')}
              {lang === 'en' ? ': ' : '：'}
              {g.venueName ? <UserText>{g.venueName}</UserText> : t('roster.none')}
            </Muted>
            <ul style={{ margin: 0, padding: 0 }}>
              {g.children.map((c) => (
                <ChildRow key={c.enrollmentId} child={c} />
              ))}
            </ul>
          </Panel>
        ))
      )}
      {roster.data && roster.data.ungrouped.length > 0 ? (
        <Panel
          title={t('roster.ungrouped')}
          extra={<Tag color="red">{t('roster.count', { count: roster.data.ungrouped.length })}</Tag>}
        >
          <ul style={{ margin: 0, padding: 0 }}>
            {roster.data.ungrouped.map((c) => (
              <ChildRow key={c.enrollmentId} child={c} />
            ))}
          </ul>
        </Panel>
      ) : null}
    </Flex>
  );
}
