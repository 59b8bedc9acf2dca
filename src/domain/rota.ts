// Duty rota (F-10) and the leadership group (F-09). Pure: no I/O.
//
// Who is on each service weekday of a term: the teacher of each service group (F-08), the duty chief
// (A 三.6 值日总护导) and the managers (B 五(三) 每90名学生加配1名管理人员). From it, each person's hours a
// week — so that the load is spread fairly (teacher overload is the first complaint of this field) —
// and the rota's problems, each with its clause.

import type { IsoDate, Minutes, Weekday } from './dates.js';
import { parseTime } from './dates.js';
import type { Season, StaffingRatios } from './policy.js';
import { SEASONS } from './policy.js';
import { assignableThrough, type LetterDates } from './staff.js';
import { staffingQuota } from './staffing-quota.js';

export type Bilingual = { zh: string; en: string };

// ── leadership group, A 二 ──────────────────────────────────────────────────────────────────────

export type LeadershipPosition = 'leader' | 'deputy' | 'member';

// A 二: 建立学生课后看护工作领导小组，并明确职责。
export const LEADERSHIP_POSITIONS: Record<LeadershipPosition, Bilingual> = {
  leader: { zh: '组长', en: 'Leader' },
  deputy: { zh: '副组长', en: 'Deputy leader' },
  member: { zh: '组员', en: 'Member' },
};

// The duties A 二 names, by the position it names them for. A school may add its own in free text.
export type LeadershipDutyKey =
  | 'first_responsible'
  | 'rules_overall'
  | 'assist_principal'
  | 'publicity'
  | 'ethics_education'
  | 'service_targets'
  | 'grouping'
  | 'staffing'
  | 'safety_education'
  | 'health_care'
  | 'safety_work'
  | 'safety_ledger'
  | 'emergency_plan'
  | 'facility_inspection'
  | 'records';

export const LEADERSHIP_DUTIES: Record<LeadershipDutyKey, Bilingual & { position: LeadershipPosition }> = {
  // A 二 1. 组长: 看护工作第一责任人，建立相关规章制度，全面负责看护工作。
  first_responsible: {
    zh: '看护工作第一责任人',
    en: 'First person responsible for care',
    position: 'leader',
  },
  rules_overall: {
    zh: '建立规章制度，全面负责看护工作',
    en: 'Sets the rules, runs care overall',
    position: 'leader',
  },
  // A 二 2. 副组长: 协助校长做好放学后的学生看护工作；负责宣传发动，统一思想，对看护人员的师德师风教育等。
  assist_principal: { zh: '协助校长做好看护工作', en: 'Assists the principal with care', position: 'deputy' },
  publicity: { zh: '宣传发动，统一思想', en: 'Publicity and common understanding', position: 'deputy' },
  ethics_education: {
    zh: '看护人员师德师风教育',
    en: 'Professional ethics of care staff',
    position: 'deputy',
  },
  // A 二 3. 组员: 确定服务对象，统筹安排编班，确定看护工作人员，学生安全教育，卫生保健等。
  service_targets: { zh: '确定服务对象', en: 'Decides who is served', position: 'member' },
  grouping: { zh: '统筹安排编班', en: 'Arranges the groups', position: 'member' },
  staffing: { zh: '确定看护工作人员', en: 'Decides the care staff', position: 'member' },
  safety_education: { zh: '学生安全教育', en: 'Safety education of pupils', position: 'member' },
  health_care: { zh: '卫生保健', en: 'Health care', position: 'member' },
  // A 二 3. 组员: 负责看护工作的安全，做好安全台账、应急预案、设施设备的安全检查和维修等。
  safety_work: { zh: '看护工作的安全', en: 'Safety of care', position: 'member' },
  safety_ledger: { zh: '安全台账', en: 'Safety ledger', position: 'member' },
  emergency_plan: { zh: '应急预案', en: 'Emergency plan', position: 'member' },
  facility_inspection: {
    zh: '设施设备的安全检查和维修',
    en: 'Safety checks and repair of facilities',
    position: 'member',
  },
  // A 二 3. 其他行政人员: 认真关心、如实记录学生看护期间的状况，发现情况与问题及时与组长、副组长沟通。
  records: { zh: '如实记录看护期间的状况', en: 'Records the state of care truthfully', position: 'member' },
};

// A duty as stored (its Chinese text) in both languages: a named duty's translation, or the free
// text as written.
export function leadershipDutyLabel(text: string): Bilingual {
  const named = Object.values(LEADERSHIP_DUTIES).find((d) => d.zh === text);
  return named ? { zh: named.zh, en: named.en } : { zh: text, en: text };
}

export interface LeadershipMember {
  staffId: string;
  position: LeadershipPosition | null;
  archived?: boolean;
}

// A 二 1: the group has one 组长, the first person responsible. A second would leave it unclear who
// that is; none leaves the group without its head.
export function leadershipProblems(
  members: readonly LeadershipMember[],
): { code: 'no_leader' | 'several_leaders'; staffIds: string[] }[] {
  const leaders = members.filter((m) => !m.archived && m.position === 'leader').map((m) => m.staffId);
  if (leaders.length === 0) return [{ code: 'no_leader', staffIds: [] }];
  if (leaders.length > 1) return [{ code: 'several_leaders', staffIds: leaders }];
  return [];
}

// ── rota ───────────────────────────────────────────────────────────────────────────────────────

export type DutyKind = 'duty_chief' | 'manager';
export type RotaRole = DutyKind | 'group_teacher';

export interface RotaStaff {
  staffId: string;
  name: string;
  kind: 'teacher' | 'manager';
  // Weekdays the person can serve (1 = Monday).
  weekdays: readonly number[];
  letters: readonly LetterDates[];
  archived?: boolean;
}

export interface RotaGroup {
  groupId: string;
  name: string;
  weekday: number;
  teacherStaffId: string | null;
}

export interface RotaDuty {
  weekday: number;
  staffId: string;
  duty: DutyKind;
}

export interface RotaSession {
  weekdays?: readonly number[];
  start: string;
  end: string;
}

export interface RotaInput {
  // The weekdays the plan serves.
  serviceWeekdays: readonly Weekday[];
  // The term's service period (from its service start to its last day): a letter must cover all of it.
  servicePeriod: { from: IsoDate; to: IsoDate };
  // The plan's timetable (a session without weekdays runs on every service weekday).
  timetable: readonly RotaSession[];
  // The time service ends in each season (B 二).
  endTimes: Record<Season, string>;
  // How long the duty chief stays after the end time: the policy's wait before an uncollected child
  // moves to extended custody (F-14 `pickupGraceMinutes`), when the child is handed over.
  dutyChiefExtraMinutes: number;
  staff: readonly RotaStaff[];
  groups: readonly RotaGroup[];
  duties: readonly RotaDuty[];
  // Children enrolled on each weekday, for the managers' quota (B 五(三)); absent weekdays: none.
  childrenPerWeekday: Readonly<Partial<Record<number, number>>>;
  staffing: StaffingRatios;
  // The region's limit on one person's service a week (RegionPolicy.staffWeeklyLimitMinutes, non-summer
  // season): above it a person counts as overloaded; exactly at it, not.
  weeklyLimitMinutes: Minutes;
}

export type RotaProblemCode =
  | 'no_duty_chief'
  | 'several_duty_chiefs'
  | 'role_conflict'
  | 'not_available'
  | 'no_letter'
  | 'archived'
  | 'unknown_staff'
  | 'not_service_day'
  | 'group_without_teacher'
  | 'managers_below_quota'
  | 'overloaded';

export interface RotaProblem {
  code: RotaProblemCode;
  // 'error': the rota breaks a rule; 'warning': it should be looked at.
  severity: 'error' | 'warning';
  clause: string;
  weekday?: number;
  staffId?: string;
  // Whether the problem concerns a duty assignment (which the rota's save refuses) rather than a
  // group's teacher (which the grouping sets).
  fromDuty: boolean;
  message: Bilingual;
}

export interface DaySpan {
  // First session's start, minutes since midnight; null on a weekday without sessions.
  start: Minutes | null;
  end: Record<Season, Minutes>;
}

export interface StaffHours {
  staffId: string;
  name: string;
  kind: 'teacher' | 'manager';
  // The person's role on each weekday they serve.
  days: { weekday: number; roles: RotaRole[] }[];
  minutesPerWeek: Record<Season, Minutes>;
  overloaded: boolean;
}

export interface Fairness {
  // Over the people with any hours, in the non-summer season ('other', most of the school year): how
  // evenly the load is spread, shown as information — a spread is not a breach of any rule.
  people: number;
  min: Minutes;
  median: Minutes;
  max: Minutes;
  // max − min.
  spread: Minutes;
  // The region's weekly limit per person.
  limit: Minutes;
  // Above the limit.
  overloaded: string[];
  // Assignable people (a letter covering the term) with no hours: room to spread the load.
  idle: string[];
}

export interface RotaEvaluation {
  spans: Record<number, DaySpan>;
  hours: StaffHours[];
  fairness: Fairness;
  problems: RotaProblem[];
  // Managers required and assigned per service weekday (B 五(三)).
  managers: { weekday: number; required: number; assigned: number; children: number }[];
}

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ROLE_NAMES: Record<RotaRole, Bilingual> = {
  duty_chief: { zh: '值日总护导', en: 'duty chief' },
  manager: { zh: '管理人员', en: 'manager' },
  group_teacher: { zh: '看护教师', en: 'group teacher' },
};

export function weekdayName(weekday: number): Bilingual {
  return { zh: WEEKDAY_ZH[weekday] ?? String(weekday), en: WEEKDAY_EN[weekday] ?? String(weekday) };
}

// The span of a service weekday: from the first session that runs on it to the day's end time, in
// each season (B 二 夏令时 / 非夏令时 end times).
export function daySpan(
  weekday: number,
  input: Pick<RotaInput, 'timetable' | 'endTimes' | 'serviceWeekdays'>,
): DaySpan {
  const starts = input.timetable
    .filter((s) => (s.weekdays ?? input.serviceWeekdays).includes(weekday))
    .map((s) => parseTime(s.start))
    .filter((m) => Number.isFinite(m));
  const end = { summer: parseTime(input.endTimes.summer), other: parseTime(input.endTimes.other) };
  return { start: starts.length > 0 ? Math.min(...starts) : null, end };
}

// Minutes a role keeps a person on a day: from the first session to the end time; the duty chief
// stays on until the last uncollected child is handed to extended custody (A 三.6 值日总护导 reconciles
// every child at day end).
export function roleMinutes(role: RotaRole, span: DaySpan, season: Season, chiefExtra: Minutes): Minutes {
  if (span.start === null) return 0;
  const end = span.end[season] + (role === 'duty_chief' ? chiefExtra : 0);
  return Math.max(0, end - span.start);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function problem(
  code: RotaProblemCode,
  severity: RotaProblem['severity'],
  clause: string,
  fromDuty: boolean,
  message: Bilingual,
  at: { weekday?: number; staffId?: string } = {},
): RotaProblem {
  return { code, severity, clause, fromDuty, message, ...at };
}

export function evaluateRota(input: RotaInput): RotaEvaluation {
  const limit = input.weeklyLimitMinutes;
  const byId = new Map(input.staff.map((s) => [s.staffId, s]));
  const service = new Set<number>(input.serviceWeekdays);
  const problems: RotaProblem[] = [];
  const nameOf = (id: string) => byId.get(id)?.name ?? id;

  const spans: Record<number, DaySpan> = {};
  for (const weekday of input.serviceWeekdays) spans[weekday] = daySpan(weekday, input);

  // Every role each person holds on each weekday: [weekday → staffId → roles].
  const roles = new Map<number, Map<string, RotaRole[]>>();
  const addRole = (weekday: number, staffId: string, role: RotaRole) => {
    const day = roles.get(weekday) ?? new Map<string, RotaRole[]>();
    roles.set(weekday, day);
    day.set(staffId, [...(day.get(staffId) ?? []), role]);
  };
  for (const g of input.groups) {
    if (g.teacherStaffId) addRole(g.weekday, g.teacherStaffId, 'group_teacher');
    else if (service.has(g.weekday))
      // B 五(三) 按每班…配1名教师: every group has its teacher.
      problems.push(
        problem(
          'group_without_teacher',
          'error',
          'B 五(三)',
          false,
          {
            zh: `${weekdayName(g.weekday).zh}“${g.name}”没有看护教师`,
            en: `Group “${g.name}” on ${weekdayName(g.weekday).en} has no teacher`,
          },
          { weekday: g.weekday },
        ),
      );
  }
  for (const d of input.duties) addRole(d.weekday, d.staffId, d.duty);

  // A 三.6: 由值日总护导认真、如实记录学生看护期间的状况 — one duty chief on every service weekday.
  for (const weekday of input.serviceWeekdays) {
    const chiefs = input.duties.filter((d) => d.weekday === weekday && d.duty === 'duty_chief');
    const day = weekdayName(weekday);
    if (chiefs.length === 0)
      problems.push(
        problem(
          'no_duty_chief',
          'error',
          'A 三.6',
          true,
          {
            zh: `${day.zh}没有值日总护导`,
            en: `No duty chief on ${day.en}`,
          },
          { weekday },
        ),
      );
    if (chiefs.length > 1)
      problems.push(
        problem(
          'several_duty_chiefs',
          'error',
          'A 三.6',
          true,
          {
            zh: `${day.zh}有 ${chiefs.length} 名值日总护导，只能有一名`,
            en: `${chiefs.length} duty chiefs on ${day.en}; there can be only one`,
          },
          { weekday },
        ),
      );
  }

  // Each person and role: known, not archived, serving that weekday, with a letter for the term.
  const seen = new Set<string>();
  const assignments: { weekday: number; staffId: string; role: RotaRole }[] = [
    ...input.groups.flatMap((g) =>
      g.teacherStaffId
        ? [{ weekday: g.weekday, staffId: g.teacherStaffId, role: 'group_teacher' as const }]
        : [],
    ),
    ...input.duties.map((d) => ({ weekday: d.weekday, staffId: d.staffId, role: d.duty })),
  ];
  for (const a of assignments) {
    const key = `${a.weekday}|${a.staffId}|${a.role}`;
    const fromDuty = a.role !== 'group_teacher';
    const person = byId.get(a.staffId);
    const day = weekdayName(a.weekday);
    const role = ROLE_NAMES[a.role];
    const at = { weekday: a.weekday, staffId: a.staffId };
    if (fromDuty && !service.has(a.weekday) && !seen.has(key))
      problems.push(
        problem(
          'not_service_day',
          'error',
          'F-10',
          true,
          {
            zh: `${day.zh}不是方案的服务日，不能安排${role.zh}`,
            en: `${day.en} is not a service day of the plan; no ${role.en} can be on duty`,
          },
          at,
        ),
      );
    if (seen.has(key)) continue;
    seen.add(key);
    if (!person) {
      problems.push(
        problem(
          'unknown_staff',
          'error',
          'F-09',
          fromDuty,
          {
            zh: `${day.zh}的${role.zh}不是本校看护人员`,
            en: `The ${role.en} on ${day.en} is not on the school's staff`,
          },
          at,
        ),
      );
      continue;
    }
    if (person.archived)
      problems.push(
        problem(
          'archived',
          'error',
          'F-09',
          fromDuty,
          {
            zh: `${person.name}已停用，不能担任${day.zh}的${role.zh}`,
            en: `${person.name} is archived and cannot be ${role.en} on ${day.en}`,
          },
          at,
        ),
      );
    if (!person.weekdays.includes(a.weekday))
      problems.push(
        problem(
          'not_available',
          'error',
          'F-10',
          fromDuty,
          {
            zh: `${person.name}${day.zh}不能到岗，不能担任${role.zh}`,
            en: `${person.name} is not available on ${day.en} to be ${role.en}`,
          },
          at,
        ),
      );
    // A 三.1: 学校与看护工作人员签订岗位责任书 — one letter covering the whole service period.
    if (!assignableThrough(person.letters, input.servicePeriod.from, input.servicePeriod.to))
      problems.push(
        problem(
          'no_letter',
          'error',
          'A 三.1',
          fromDuty,
          {
            zh: `${person.name}没有覆盖本学期服务期（${input.servicePeriod.from} 至 ${input.servicePeriod.to}）的岗位责任书，不能担任${role.zh}`,
            en: `${person.name} has no responsibility letter covering the term's service (${input.servicePeriod.from} to ${input.servicePeriod.to}) and cannot be ${role.en}`,
          },
          at,
        ),
      );
  }

  // One role per person and weekday: a duty chief keeps an eye on every group (A 三.6), a manager is
  // in addition to the group teachers (B 五(三) 加配), and a teacher leads one group at a time.
  for (const [weekday, day] of roles) {
    for (const [staffId, held] of day) {
      if (held.length < 2) continue;
      const names = held.map((r) => ROLE_NAMES[r]);
      problems.push(
        problem(
          'role_conflict',
          'error',
          held.includes('duty_chief') ? 'A 三.6' : 'B 五(三)',
          held.some((r) => r !== 'group_teacher'),
          {
            zh: `${nameOf(staffId)}${weekdayName(weekday).zh}同时担任${names.map((n) => n.zh).join('、')}`,
            en: `${nameOf(staffId)} holds several roles on ${weekdayName(weekday).en}: ${names.map((n) => n.en).join(', ')}`,
          },
          { weekday, staffId },
        ),
      );
    }
  }

  // B 五(三) 每90名学生加配1名管理人员, per weekday by the children enrolled on it.
  const managers = input.serviceWeekdays.map((weekday) => {
    const children = input.childrenPerWeekday[weekday] ?? 0;
    const required = staffingQuota(children, input.staffing).managers;
    const assigned = input.duties.filter((d) => d.weekday === weekday && d.duty === 'manager').length;
    if (assigned < required)
      problems.push(
        problem(
          'managers_below_quota',
          'warning',
          'B 五(三)',
          true,
          {
            zh: `${weekdayName(weekday).zh}有 ${children} 名学生，须配 ${required} 名管理人员，现有 ${assigned} 名`,
            en: `${weekdayName(weekday).en}: ${children} children need ${required} managers; ${assigned} assigned`,
          },
          { weekday },
        ),
      );
    return { weekday, required, assigned, children };
  });

  // Hours: a day counts once, by the longest of the person's roles on it.
  const hours: StaffHours[] = input.staff
    .filter((s) => !s.archived || [...roles.values()].some((d) => d.has(s.staffId)))
    .map((s) => {
      const days: StaffHours['days'] = [];
      const minutesPerWeek: Record<Season, Minutes> = { summer: 0, other: 0 };
      for (const weekday of [...roles.keys()].sort((a, b) => a - b)) {
        const held = roles.get(weekday)?.get(s.staffId);
        if (!held) continue;
        days.push({ weekday, roles: held });
        const span = spans[weekday];
        if (!span) continue;
        for (const season of SEASONS)
          minutesPerWeek[season] += Math.max(
            ...held.map((r) => roleMinutes(r, span, season, input.dutyChiefExtraMinutes)),
          );
      }
      return { staffId: s.staffId, name: s.name, kind: s.kind, days, minutesPerWeek, overloaded: false };
    });

  const working = hours.filter((h) => h.minutesPerWeek.other > 0);
  const values = working.map((h) => h.minutesPerWeek.other);
  const mid = median(values);
  const overloaded = working.filter((h) => overLimit(h.minutesPerWeek.other, limit)).map((h) => h.staffId);
  for (const h of hours) h.overloaded = overloaded.includes(h.staffId);
  for (const h of hours.filter((x) => x.overloaded))
    problems.push(
      problem(
        'overloaded',
        'warning',
        'F-10',
        false,
        {
          zh: `${h.name}每周 ${formatHours(h.minutesPerWeek.other)} 小时，超过本地区每人每周上限 ${formatHours(limit)} 小时`,
          en: `${h.name} works ${formatHours(h.minutesPerWeek.other)} h a week, over the region's limit of ${formatHours(limit)} h a person`,
        },
        { staffId: h.staffId },
      ),
    );
  const idle = input.staff
    .filter(
      (s) =>
        !s.archived &&
        assignableThrough(s.letters, input.servicePeriod.from, input.servicePeriod.to) &&
        !working.some((h) => h.staffId === s.staffId),
    )
    .map((s) => s.staffId);

  return {
    spans,
    hours,
    fairness: {
      people: working.length,
      min: values.length > 0 ? Math.min(...values) : 0,
      median: mid,
      max: values.length > 0 ? Math.max(...values) : 0,
      spread: values.length > 0 ? Math.max(...values) - Math.min(...values) : 0,
      limit,
      overloaded,
      idle,
    },
    problems,
    managers,
  };
}

// F-10: a person is overloaded above the region's weekly limit; a week of exactly the limit is not.
export function overLimit(minutesPerWeek: Minutes, limit: Minutes): boolean {
  return minutesPerWeek > limit;
}

// Minutes as hours with at most one decimal (150 → "2.5").
export function formatHours(minutes: Minutes): string {
  return String(Math.round((minutes / 60) * 10) / 10);
}

// Whether a person may take a duty on a weekday of the term: not archived, serving that weekday, with
// one letter covering the service period (A 三.1). The rota page offers only these.
export function assignable(
  person: RotaStaff,
  weekday: number,
  period: { from: IsoDate; to: IsoDate },
): boolean {
  return (
    !person.archived &&
    person.weekdays.includes(weekday) &&
    assignableThrough(person.letters, period.from, period.to)
  );
}

// The days a rota is in force: from the later of the service start (the unified start date, B 六(五),
// or the term's first day) and today, to the term's last day — a rota made during the term is checked
// against the days still to come (after the term: its last day). A letter must cover all of them.
export function rotaPeriod(
  term: { firstDay: IsoDate; lastDay: IsoDate; unifiedStartDate: IsoDate | null },
  today: IsoDate,
): { from: IsoDate; to: IsoDate } {
  // ISO dates compare as text.
  let from = term.unifiedStartDate ?? term.firstDay;
  if (today > from) from = today;
  if (from > term.lastDay) from = term.lastDay;
  return { from, to: term.lastDay };
}
