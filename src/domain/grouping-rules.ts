// What the stored grouping (编班, F-08) and the roster (课后看护学生名册, F-07, A 三.5) rest on, beside the
// algorithm in grouping.ts: the day a term's grouping is read as of, which enrollments are live on it,
// which findings refuse a save, the names of proposed groups. Pure: no I/O, no clock.
import type { IsoDate, Weekday } from './dates.js';
import type { GroupingProblem, GroupingProblemCode, ServiceGroup } from './grouping.js';
import { maskPhone } from './phone.js';

export interface TermDates {
  firstDay: IsoDate;
  lastDay: IsoDate;
  unifiedStartDate: IsoDate | null;
}

// B 六(五) 课后服务统一启动时间: service starts on the unified start date when the region set one, else
// on the term's first day.
export function serviceStart(term: TermDates): IsoDate {
  return term.unifiedStartDate ?? term.firstDay;
}

// The grouping is in force from the later of the service start and today, to the term's last day: a
// grouping made before the term is checked against the term as it will start, one made during the
// term against the days still to come. After the term, its last day.
export function groupingPeriod(term: TermDates, today: IsoDate): { from: IsoDate; to: IsoDate } {
  const start = serviceStart(term);
  const from = today > start ? today : start;
  if (from > term.lastDay) return { from: term.lastDay, to: term.lastDay };
  return { from, to: term.lastDay };
}

export interface EnrollmentDates {
  // First service day the child no longer attends (F-06: from the next service day after the
  // guardian withdrew); null while enrolled.
  withdrawnFrom: IsoDate | null;
}

// A child is in the service on `day` until the day their withdrawal takes effect.
export function enrolledOn(enrollment: EnrollmentDates, day: IsoDate): boolean {
  return enrollment.withdrawnFrom === null || enrollment.withdrawnFrom > day;
}

// The findings that refuse a save: a child who is not enrolled (withdrawn or unknown), does not attend
// that weekday or is in two groups (A 三.5 名册 must be true); a venue that is unknown, too small or
// given twice (A 三.4 看护场所); a teacher who is not assignable (A 三.1 岗位责任书, available that day,
// one group at a time). A group still without a teacher, a child not yet placed and the quota (B 五(三))
// are shown but do not block: the admin saves the work in progress and the page keeps saying what is
// missing.
export const SAVE_BLOCKING: ReadonlySet<GroupingProblemCode> = new Set<GroupingProblemCode>([
  'unknown_child',
  'child_not_attending',
  'child_in_two_groups',
  'unknown_venue',
  'venue_over_capacity',
  'venue_double_booked',
  'venue_not_in_timetable',
  'unknown_staff',
  'not_a_teacher',
  'staff_in_two_groups',
  'staff_unavailable',
]);

export function blockingProblems(problems: readonly GroupingProblem[]): GroupingProblem[] {
  return problems.filter((p) => p.severity === 'error' && SAVE_BLOCKING.has(p.code));
}

function gradesName(grades: readonly number[]): string {
  if (grades.length === 0) return '';
  const sorted = [...grades].sort((a, b) => a - b);
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  const consecutive = last - first === sorted.length - 1;
  if (sorted.length === 1) return `${first}年级`;
  return consecutive ? `${first}–${last}年级` : `${sorted.join('、')}年级`;
}

// Names of proposed groups, unique per weekday: the grades then a number, 「3年级1组」「1–2年级2组」.
export function proposedGroupNames(groups: readonly Pick<ServiceGroup, 'id' | 'weekday' | 'grades'>[]) {
  const names = new Map<string, string>();
  const used = new Map<string, number>();
  for (const g of groups) {
    const base = gradesName(g.grades);
    const key = `${g.weekday}:${base}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    names.set(g.id, `${base}${n}组`);
  }
  return names;
}

// F-07: guardians' and pickup persons' phones in full for those who call them (A 三.5 未到时及时了解
// 情况), masked 138****1234 for everyone else.
export function rosterPhone(phone: string | null, fullPhones: boolean): string | null {
  if (phone === null) return null;
  return fullPhones ? phone : maskPhone(phone);
}

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

// B 五(三): more groups on a day than the quota's teachers (grade bands or rooms made them) is shown,
// not refused: each group still needs its teacher, so the school staffs above the quota.
export function overQuota(day: {
  weekday: Weekday;
  children: number;
  groups: number;
  teachersRequired: number;
}): GroupingProblem | null {
  if (day.groups <= day.teachersRequired) return null;
  return {
    code: 'over_quota',
    severity: 'info',
    weekday: day.weekday,
    clause: 'B 五(三)',
    numbers: { children: day.children, groups: day.groups, teachersRequired: day.teachersRequired },
    message: {
      zh: `${WEEKDAY_ZH[day.weekday]}：${day.children}名学生编成${day.groups}个班组，多于定额的${day.teachersRequired}名教师，每个班组仍需1名教师`,
      en: `Weekday ${day.weekday}: ${day.children} children are in ${day.groups} groups, more than the quota's ${day.teachersRequired} teachers; each group still needs its teacher`,
    },
  };
}
