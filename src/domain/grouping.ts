// Grouping (编班, F-08): a proposal that places every enrolled child in a service group on each weekday
// they attend, and the checks of a grouping the admin has edited by hand. Pure: no I/O, no clock.
//
// Clauses: A 二 组员…统筹安排编班 (the school arranges the groups); A 三.4 看护场所 (the venue and
// its capacity); B 五(三) 按每班30名以上学生配1名教师，每90名学生加配1名管理人员 (the staffing quota,
// read as in `staffing-quota.ts` and docs/domain-rules.md).

import type { Weekday } from './dates.js';
import type { StaffRole } from './plan.js';
import type { StaffingRatios } from './policy.js';
import { type StaffingQuota, staffingQuota } from './staffing-quota.js';

export interface GroupingChild {
  id: string;
  grade: number;
  // The administrative class (行政班): classmates are kept together where the sizes allow.
  classId: string;
  // The service weekdays this child attends (F-06 application).
  weekdays: Weekday[];
}

export interface GroupingVenue {
  id: string;
  capacity: number;
  // The weekdays the plan's timetable holds an activity there (B 三 服务内容: children are cared for
  // in the activities the approved plan lists, where it lists them). Absent: every day.
  weekdays?: Weekday[];
}

export interface GroupingStaff {
  id: string;
  role: StaffRole;
  weekdays: Weekday[];
}

export interface GroupingOptions {
  // Grades that may share a group, e.g. [[1, 2], [3, 4], [5, 6]]. Without it: each grade alone, and a
  // grade too small for a full group joins the next adjacent grade (two grades at most).
  gradeBands?: readonly (readonly number[])[];
  // A school's own upper bound on a group; the policy's cap and the venue's capacity still apply.
  maxGroupSize?: number;
}

export interface GroupingInput {
  children: GroupingChild[];
  venues: GroupingVenue[];
  staff: GroupingStaff[];
  ratios: StaffingRatios;
  options?: GroupingOptions;
}

export interface ServiceGroup {
  id: string;
  weekday: Weekday;
  grades: number[];
  venueId: string | null;
  teacherId: string | null;
  childIds: string[];
}

// The day's head-count, its quota (B 五(三)) and the managers on duty.
export interface GroupingDay {
  weekday: Weekday;
  children: number;
  quota: StaffingQuota;
  managerIds: string[];
}

export interface Grouping {
  groups: ServiceGroup[];
  days: GroupingDay[];
}

export type GroupingProblemCode =
  | 'child_unplaced'
  | 'group_without_teacher'
  | 'quota_shortfall'
  | 'over_quota'
  | 'child_in_two_groups'
  | 'child_missing'
  | 'unknown_child'
  | 'child_not_attending'
  | 'grade_not_in_group'
  | 'unknown_venue'
  | 'venue_over_capacity'
  | 'venue_double_booked'
  | 'venue_not_in_timetable'
  | 'unknown_staff'
  | 'not_a_teacher'
  | 'not_a_manager'
  | 'staff_in_two_groups'
  | 'staff_unavailable';

export type UnplacedReason = 'no_grade_band' | 'no_venue_capacity';

export interface GroupingProblem {
  code: GroupingProblemCode;
  // 'error' must be fixed before the grouping is used; 'info' is shown (over-quota) and blocks nothing.
  severity: 'error' | 'warning' | 'info';
  weekday: Weekday;
  clause: string;
  message: { zh: string; en: string };
  childId?: string;
  groupId?: string;
  venueId?: string;
  staffId?: string;
  reason?: UnplacedReason;
  numbers?: Record<string, number>;
}

export interface GroupingProposal extends Grouping {
  problems: GroupingProblem[];
}

const CLAUSE_GROUPING = 'A 二';
const CLAUSE_VENUE = 'A 三.4';
const CLAUSE_QUOTA = 'B 五(三)';
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// The largest group the policy's ratio allows one teacher to hold: with 'floor' (groups of at least
// 30) a group of 2 × 30 − 1 = 59 still needs one teacher, 60 would be two groups; with 'ceil' the ratio
// is itself the bound.
export function policyGroupCap(ratios: StaffingRatios): number {
  return ratios.teacherRounding === 'ceil' ? ratios.studentsPerTeacher : 2 * ratios.studentsPerTeacher - 1;
}

// The grades of each band that the day's children fall into. Explicit bands are used as given (a
// grade in none is reported); otherwise same grade first, then a small grade joins an adjacent one.
function bandsFor(
  gradeCounts: Map<number, number>,
  ratios: StaffingRatios,
  options: GroupingOptions,
): number[][] {
  if (options.gradeBands) {
    return options.gradeBands
      .map((band) => [...new Set(band)].sort((a, b) => a - b))
      .filter((band) => band.some((g) => gradeCounts.has(g)));
  }
  const grades = [...gradeCounts.keys()].sort((a, b) => a - b);
  const bands: number[][] = [];
  for (let i = 0; i < grades.length; i++) {
    const grade = grades[i] as number;
    const next = grades[i + 1];
    const small = (g: number) => (gradeCounts.get(g) ?? 0) < ratios.studentsPerTeacher;
    if (next === grade + 1 && (small(grade) || small(next))) {
      bands.push([grade, next]);
      i++;
    } else bands.push([grade]);
  }
  return bands;
}

// Splits a list into `parts` runs of near-equal length, in order (so a class stays in one run where
// the sizes allow).
function splitEvenly<T>(items: T[], parts: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.floor(items.length / parts) + (p < items.length % parts ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

function bandLabel(grades: number[]): string {
  return grades.length === 1 ? `g${grades[0]}` : `g${grades[0]}-${grades[grades.length - 1]}`;
}

function gradesZh(grades: number[]): string {
  return grades.map((g) => `${g}年级`).join('、');
}

interface Draft {
  band: number[];
  index: number;
  children: GroupingChild[];
  venue: GroupingVenue | null;
}

export function proposeGroups(input: GroupingInput): GroupingProposal {
  const options = input.options ?? {};
  const cap = Math.min(policyGroupCap(input.ratios), options.maxGroupSize ?? Number.POSITIVE_INFINITY);
  const children = [...input.children].sort(
    (a, b) => a.grade - b.grade || compareStrings(a.classId, b.classId) || compareStrings(a.id, b.id),
  );
  // A 三.4: largest venue first, so the largest groups get the largest rooms.
  const allVenues = [...input.venues]
    .filter((v) => v.capacity > 0)
    .sort((a, b) => b.capacity - a.capacity || byId(a, b));
  const staff = [...input.staff].sort(byId);
  const load = new Map<string, number>(staff.map((s) => [s.id, 0]));
  const groups: ServiceGroup[] = [];
  const days: GroupingDay[] = [];
  const problems: GroupingProblem[] = [];

  for (const weekday of WEEKDAYS) {
    const attending = children.filter((c) => c.weekdays.includes(weekday));
    if (attending.length === 0) continue;
    // Only the rooms where the plan's activities run that day.
    const venues = allVenues.filter((v) => !v.weekdays || v.weekdays.includes(weekday));
    const quota = staffingQuota(attending.length, input.ratios);
    const gradeCounts = new Map<number, number>();
    for (const c of attending) gradeCounts.set(c.grade, (gradeCounts.get(c.grade) ?? 0) + 1);
    const bands = bandsFor(gradeCounts, input.ratios, options);
    const bandOf = new Map<number, number[]>();
    for (const band of bands) for (const g of band) if (!bandOf.has(g)) bandOf.set(g, band);

    const members = new Map<number[], GroupingChild[]>(bands.map((b) => [b, []]));
    for (const c of attending) {
      const band = bandOf.get(c.grade);
      if (band) members.get(band)?.push(c);
      else problems.push(unplaced(c, weekday, 'no_grade_band'));
    }

    // Groups per band: one per full ratio (at least 30 each) or at most the ratio ('ceil'), and no
    // group above the cap or the largest venue.
    const roomCap = Math.min(cap, venues[0]?.capacity ?? 0);
    const counts = new Map<number[], number>();
    for (const band of bands) {
      const m = members.get(band)?.length ?? 0;
      if (m === 0) continue;
      const byRatio =
        input.ratios.teacherRounding === 'ceil'
          ? Math.ceil(m / input.ratios.studentsPerTeacher)
          : Math.max(1, Math.floor(m / input.ratios.studentsPerTeacher));
      counts.set(band, Math.max(byRatio, roomCap > 0 ? Math.ceil(m / roomCap) : 1));
    }
    // B 五(三) counts teachers over the day's whole head-count; bands split it, so add a group where
    // the average group is largest until the quota's teachers have a group each (while rooms last).
    const total = () => [...counts.values()].reduce((s, k) => s + k, 0);
    while (total() < quota.teachers && total() < venues.length) {
      let best: number[] | null = null;
      let bestAverage = 0;
      for (const [band, k] of counts) {
        const m = members.get(band)?.length ?? 0;
        if (m > k && m / k > bestAverage) [best, bestAverage] = [band, m / k];
      }
      if (!best) break;
      counts.set(best, (counts.get(best) ?? 0) + 1);
    }
    // Fewer rooms than groups: a child placed in a larger group comes before a group per 30 (the
    // shortfall is then reported), so merge the smallest groups while the rooms' cap allows.
    while (total() > venues.length) {
      let best: number[] | null = null;
      let bestAverage = Number.POSITIVE_INFINITY;
      for (const [band, k] of counts) {
        const m = members.get(band)?.length ?? 0;
        if (k > 1 && Math.ceil(m / (k - 1)) <= roomCap && m / k < bestAverage)
          [best, bestAverage] = [band, m / k];
      }
      if (!best) break;
      counts.set(best, (counts.get(best) ?? 0) - 1);
    }

    const drafts: Draft[] = [];
    for (const band of bands) {
      const k = counts.get(band);
      if (!k) continue;
      splitEvenly(members.get(band) ?? [], k).forEach((part, index) => {
        drafts.push({ band, index, children: part, venue: null });
      });
    }
    // Largest group to largest venue; ties keep band order.
    const bySize = [...drafts].sort((a, b) => b.children.length - a.children.length);
    bySize.forEach((d, i) => {
      d.venue = venues[i] ?? null;
    });
    // A group larger than its room (or without one) hands its last children to a group of its band
    // that has room; what is left has no place.
    for (const d of bySize) {
      const limit = d.venue ? Math.min(cap, d.venue.capacity) : 0;
      while (d.children.length > limit) {
        const child = d.children.pop() as GroupingChild;
        let target: Draft | null = null;
        for (const o of drafts) {
          if (o === d || o.band !== d.band || !o.venue) continue;
          const room = Math.min(cap, o.venue.capacity) - o.children.length;
          if (
            room > 0 &&
            (!target || room > Math.min(cap, target.venue?.capacity ?? 0) - target.children.length)
          )
            target = o;
        }
        if (target) target.children.push(child);
        else problems.push(unplaced(child, weekday, 'no_venue_capacity'));
      }
    }

    const dayGroups: ServiceGroup[] = [];
    for (const d of drafts) {
      if (d.children.length === 0 || !d.venue) continue;
      const grades = [...new Set(d.children.map((c) => c.grade))].sort((a, b) => a - b);
      dayGroups.push({
        id: `w${weekday}-${bandLabel(d.band)}-${String(d.index + 1).padStart(2, '0')}`,
        weekday,
        grades,
        venueId: d.venue.id,
        teacherId: null,
        childIds: d.children.map((c) => c.id),
      });
    }

    // One teacher per group; the least-loaded of the week first, so duties spread (F-10).
    const taken = new Set<string>();
    const pick = (role: StaffRole) => {
      const free = staff.filter((s) => s.role === role && s.weekdays.includes(weekday) && !taken.has(s.id));
      let best: GroupingStaff | null = null;
      for (const s of free) if (!best || (load.get(s.id) ?? 0) < (load.get(best.id) ?? 0)) best = s;
      if (best) {
        taken.add(best.id);
        load.set(best.id, (load.get(best.id) ?? 0) + 1);
      }
      return best;
    };
    for (const g of dayGroups) {
      g.teacherId = pick('teacher')?.id ?? null;
      if (!g.teacherId) problems.push(withoutTeacher(g));
    }
    const managerIds: string[] = [];
    for (let i = 0; i < quota.managers; i++) {
      const m = pick('manager');
      if (m) managerIds.push(m.id);
    }
    managerIds.sort(compareStrings);
    groups.push(...dayGroups);
    days.push({ weekday, children: attending.length, quota, managerIds });
    problems.push(...quotaProblems(weekday, attending.length, quota, dayGroups, managerIds.length));
  }
  return { groups, days, problems };
}

function unplaced(child: GroupingChild, weekday: Weekday, reason: UnplacedReason): GroupingProblem {
  const why =
    reason === 'no_grade_band'
      ? { zh: `${child.grade}年级不在任何可合编的年级段中`, en: `grade ${child.grade} is in no grade band` }
      : { zh: '场地容量已满', en: 'no venue capacity left' };
  return {
    code: 'child_unplaced',
    severity: 'error',
    weekday,
    clause: reason === 'no_grade_band' ? CLAUSE_GROUPING : CLAUSE_VENUE,
    childId: child.id,
    reason,
    message: {
      zh: `${WEEKDAY_ZH[weekday]}：学生 ${child.id} 未能编班（${why.zh}）`,
      en: `Weekday ${weekday}: child ${child.id} could not be placed (${why.en})`,
    },
  };
}

function withoutTeacher(group: ServiceGroup): GroupingProblem {
  return {
    code: 'group_without_teacher',
    severity: 'error',
    weekday: group.weekday,
    clause: CLAUSE_QUOTA,
    groupId: group.id,
    message: {
      zh: `${WEEKDAY_ZH[group.weekday]}：班组 ${group.id} 没有教师`,
      en: `Weekday ${group.weekday}: group ${group.id} has no teacher`,
    },
  };
}

// B 五(三): teachers counted over the groups that have one, managers over the day's list.
function quotaProblems(
  weekday: Weekday,
  children: number,
  quota: StaffingQuota,
  groups: ServiceGroup[],
  managers: number,
): GroupingProblem[] {
  const teachers = new Set(groups.flatMap((g) => (g.teacherId ? [g.teacherId] : []))).size;
  const numbers = {
    children,
    teachersRequired: quota.teachers,
    teachersAssigned: teachers,
    managersRequired: quota.managers,
    managersAssigned: managers,
    groups: groups.length,
  };
  const out: GroupingProblem[] = [];
  if (teachers < quota.teachers || managers < quota.managers)
    out.push({
      code: 'quota_shortfall',
      severity: 'error',
      weekday,
      clause: CLAUSE_QUOTA,
      numbers,
      message: {
        zh: `${WEEKDAY_ZH[weekday]}：${children}名学生应配教师${quota.teachers}名、管理人员${quota.managers}名，实配教师${teachers}名、管理人员${managers}名`,
        en: `Weekday ${weekday}: ${children} children need ${quota.teachers} teachers and ${quota.managers} managers; ${teachers} teachers and ${managers} managers assigned`,
      },
    });
  if (groups.length > quota.teachers)
    out.push({
      code: 'over_quota',
      severity: 'info',
      weekday,
      clause: CLAUSE_QUOTA,
      numbers,
      message: {
        zh: `${WEEKDAY_ZH[weekday]}：按年级段和场地编成${groups.length}个班组，多于定额的${quota.teachers}名教师`,
        en: `Weekday ${weekday}: grade bands and venues make ${groups.length} groups, more than the quota's ${quota.teachers} teachers`,
      },
    });
  return out;
}

// The checks of a grouping as the admin edited it (drag and drop): every finding is an error except
// a child outside the group's grades (a warning: the admin may mix grades on purpose, A 二).
export function validateGrouping(grouping: Grouping, input: GroupingInput): GroupingProblem[] {
  const problems: GroupingProblem[] = [];
  const children = new Map(input.children.map((c) => [c.id, c]));
  const venues = new Map(input.venues.map((v) => [v.id, v]));
  const staff = new Map(input.staff.map((s) => [s.id, s]));
  const groups = [...grouping.groups].sort((a, b) => a.weekday - b.weekday || compareStrings(a.id, b.id));
  const say = (
    p: Omit<GroupingProblem, 'message' | 'severity'> & { severity?: GroupingProblem['severity'] },
    zh: string,
    en: string,
  ) => {
    problems.push({
      ...p,
      severity: p.severity ?? 'error',
      message: { zh: `${WEEKDAY_ZH[p.weekday]}：${zh}`, en: `Weekday ${p.weekday}: ${en}` },
    });
  };

  for (const weekday of WEEKDAYS) {
    const dayGroups = groups.filter((g) => g.weekday === weekday);
    const day = grouping.days.find((d) => d.weekday === weekday);
    const attending = [...input.children].sort(byId).filter((c) => c.weekdays.includes(weekday));
    if (dayGroups.length === 0 && attending.length === 0 && !day) continue;

    const placedIn = new Map<string, string>();
    const venueUsedBy = new Map<string, string>();
    const staffIn = new Map<string, string>();
    const assignStaff = (id: string, where: string, groupId?: string) => {
      const other = staffIn.get(id);
      if (other)
        say(
          { code: 'staff_in_two_groups', weekday, clause: CLAUSE_GROUPING, staffId: id, groupId },
          `教职工 ${id} 同时在 ${other} 和 ${where}`,
          `staff ${id} is in both ${other} and ${where}`,
        );
      else staffIn.set(id, where);
      const s = staff.get(id);
      if (!s)
        say(
          { code: 'unknown_staff', weekday, clause: CLAUSE_GROUPING, staffId: id, groupId },
          `教职工 ${id} 不在可用名单中`,
          `staff ${id} is not on the staff list`,
        );
      else if (!s.weekdays.includes(weekday))
        say(
          { code: 'staff_unavailable', weekday, clause: CLAUSE_GROUPING, staffId: id, groupId },
          `教职工 ${id} 当天不可排班`,
          `staff ${id} is not available that weekday`,
        );
      return s;
    };

    for (const g of dayGroups) {
      for (const id of g.childIds) {
        const child = children.get(id);
        const other = placedIn.get(id);
        if (other)
          say(
            { code: 'child_in_two_groups', weekday, clause: CLAUSE_GROUPING, childId: id, groupId: g.id },
            `学生 ${id} 同时在 ${other} 和 ${g.id}`,
            `child ${id} is in both ${other} and ${g.id}`,
          );
        else placedIn.set(id, g.id);
        if (!child)
          say(
            { code: 'unknown_child', weekday, clause: CLAUSE_GROUPING, childId: id, groupId: g.id },
            `学生 ${id} 未在册（已退出或不存在），不应编入 ${g.id}`,
            `child ${id} is not enrolled (withdrawn or unknown) but is in ${g.id}`,
          );
        else if (!child.weekdays.includes(weekday))
          say(
            { code: 'child_not_attending', weekday, clause: CLAUSE_GROUPING, childId: id, groupId: g.id },
            `学生 ${id} 当天未报名，不应编入 ${g.id}`,
            `child ${id} does not attend that weekday but is in ${g.id}`,
          );
        else if (!g.grades.includes(child.grade))
          say(
            {
              code: 'grade_not_in_group',
              severity: 'warning',
              weekday,
              clause: CLAUSE_GROUPING,
              childId: id,
              groupId: g.id,
            },
            `学生 ${id}（${child.grade}年级）不在班组 ${g.id} 的年级（${gradesZh(g.grades)}）`,
            `child ${id} (grade ${child.grade}) is outside group ${g.id}'s grades`,
          );
      }

      if (g.venueId === null) {
        say(
          { code: 'unknown_venue', weekday, clause: CLAUSE_VENUE, groupId: g.id },
          `班组 ${g.id} 没有看护场所`,
          `group ${g.id} has no venue`,
        );
      } else {
        const venue = venues.get(g.venueId);
        const other = venueUsedBy.get(g.venueId);
        if (!venue)
          say(
            { code: 'unknown_venue', weekday, clause: CLAUSE_VENUE, groupId: g.id, venueId: g.venueId },
            `班组 ${g.id} 的场地 ${g.venueId} 不存在`,
            `group ${g.id}'s venue ${g.venueId} is unknown`,
          );
        else if (venue.weekdays && !venue.weekdays.includes(weekday))
          say(
            { code: 'venue_not_in_timetable', weekday, clause: 'B 三', groupId: g.id, venueId: venue.id },
            `方案当天在场地 ${venue.id} 没有安排活动，班组 ${g.id} 不能安排在此`,
            `the plan holds no activity in venue ${venue.id} that day, so group ${g.id} cannot be there`,
          );
        else if (g.childIds.length > venue.capacity)
          say(
            {
              code: 'venue_over_capacity',
              weekday,
              clause: CLAUSE_VENUE,
              groupId: g.id,
              venueId: venue.id,
              numbers: { children: g.childIds.length, capacity: venue.capacity },
            },
            `场地 ${venue.id} 容纳${venue.capacity}人，班组 ${g.id} 有${g.childIds.length}人`,
            `venue ${venue.id} holds ${venue.capacity}, group ${g.id} has ${g.childIds.length}`,
          );
        if (other)
          say(
            { code: 'venue_double_booked', weekday, clause: CLAUSE_VENUE, groupId: g.id, venueId: g.venueId },
            `场地 ${g.venueId} 同时安排给 ${other} 和 ${g.id}`,
            `venue ${g.venueId} is given to both ${other} and ${g.id}`,
          );
        else venueUsedBy.set(g.venueId, g.id);
      }

      if (g.teacherId === null) problems.push(withoutTeacher(g));
      else {
        const s = assignStaff(g.teacherId, g.id, g.id);
        if (s && s.role !== 'teacher')
          say(
            { code: 'not_a_teacher', weekday, clause: CLAUSE_QUOTA, staffId: s.id, groupId: g.id },
            `${s.id} 是管理人员，不能代替班组 ${g.id} 的教师`,
            `${s.id} is a manager and cannot stand in as ${g.id}'s teacher`,
          );
      }
    }

    for (const id of day?.managerIds ?? []) {
      const s = assignStaff(id, '管理人员/managers');
      if (s && s.role !== 'manager')
        say(
          { code: 'not_a_manager', weekday, clause: CLAUSE_QUOTA, staffId: s.id },
          `${s.id} 是教师，不能计为管理人员`,
          `${s.id} is a teacher and does not count as a manager`,
        );
    }

    for (const c of attending)
      if (!placedIn.has(c.id))
        say(
          { code: 'child_missing', weekday, clause: CLAUSE_GROUPING, childId: c.id },
          `在册学生 ${c.id} 当天报名但未编入任何班组`,
          `enrolled child ${c.id} attends but is in no group`,
        );

    const quota = staffingQuota(attending.length, input.ratios);
    const managers = (day?.managerIds ?? []).filter((id) => staff.get(id)?.role === 'manager').length;
    const teacherGroups = dayGroups.map((g) =>
      g.teacherId && staff.get(g.teacherId)?.role === 'teacher' ? g : { ...g, teacherId: null },
    );
    problems.push(
      ...quotaProblems(weekday, attending.length, quota, teacherGroups, managers).filter(
        (p) => p.severity !== 'info',
      ),
    );
  }
  return problems;
}
