// The grouping editor's state (编班, F-08) and its live checks: the groups as edited, moves of children
// between them, and the domain's own checks (validateGrouping, the quota of B 五(三)) run on every edit
// so that the page says what is wrong before the server is asked.

import type { Weekday } from '../../../domain/dates';
import { validateGrouping } from '../../../domain/grouping';
import { overQuota } from '../../../domain/grouping-rules';
import { staffingQuota } from '../../../domain/staffing-quota';
import type {
  GroupingDayView,
  GroupingProblemView,
  GroupingView,
  SaveGroupingInput,
} from '../../api/grouping-queries';

export interface DraftGroup {
  key: string;
  id: string | null;
  weekday: Weekday;
  name: string;
  grades: number[];
  venueId: string | null;
  teacherStaffId: string | null;
  memberIds: string[];
}

export interface Person {
  enrollmentId: string;
  name: string;
  grade: number;
  className: string;
  studentNo: string;
  withdrawn: boolean;
}

const asWeekday = (n: number): Weekday => Math.min(7, Math.max(1, Math.round(n))) as Weekday;

export function draftFrom(view: GroupingView): DraftGroup[] {
  return view.groups.map((g) => ({
    key: g.key,
    id: g.id,
    weekday: asWeekday(g.weekday),
    name: g.name,
    grades: g.grades,
    venueId: g.venueId,
    teacherStaffId: g.teacherStaffId,
    memberIds: g.members.map((m) => m.enrollmentId),
  }));
}

/** Every child the page can name: the enrolled, and withdrawn ones still in a group. */
export function peopleOf(view: GroupingView): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const g of view.groups)
    for (const m of g.members)
      people.set(m.enrollmentId, {
        enrollmentId: m.enrollmentId,
        name: m.name,
        grade: m.grade,
        className: m.className,
        studentNo: m.studentNo,
        withdrawn: m.status === 'withdrawn',
      });
  for (const c of view.children)
    people.set(c.enrollmentId, {
      enrollmentId: c.enrollmentId,
      name: c.name,
      grade: c.grade,
      className: c.className,
      studentNo: c.studentNo,
      withdrawn: false,
    });
  return people;
}

export function toSaveInput(draft: readonly DraftGroup[]): SaveGroupingInput {
  return {
    groups: draft.map((g) => ({
      ...(g.id ? { id: g.id } : {}),
      weekday: g.weekday,
      name: g.name.trim(),
      grades: g.grades,
      venueId: g.venueId,
      teacherStaffId: g.teacherStaffId,
      enrollmentIds: g.memberIds,
    })),
  };
}

/** Moves children of a weekday to a group (`to` = its key), or out of every group (`to` = null). */
export function moveChildren(
  draft: readonly DraftGroup[],
  weekday: Weekday,
  ids: readonly string[],
  to: string | null,
): DraftGroup[] {
  const moving = new Set(ids);
  return draft.map((g) => {
    if (g.weekday !== weekday) return g;
    const kept = g.memberIds.filter((id) => !moving.has(id));
    if (g.key === to) return { ...g, memberIds: [...kept, ...ids.filter((id) => !kept.includes(id))] };
    return kept.length === g.memberIds.length ? g : { ...g, memberIds: kept };
  });
}

export function updateGroup(draft: readonly DraftGroup[], key: string, patch: Partial<DraftGroup>) {
  return draft.map((g) => (g.key === key ? { ...g, ...patch } : g));
}

let counter = 0;
/** A new, empty group of the day with a name not yet used that day. */
export function addGroup(draft: readonly DraftGroup[], weekday: Weekday, baseName: string): DraftGroup[] {
  const names = new Set(draft.filter((g) => g.weekday === weekday).map((g) => g.name));
  let n = 1;
  while (names.has(`${baseName}${n}`)) n++;
  counter += 1;
  return [
    ...draft,
    {
      key: `new-${Date.now()}-${counter}`,
      id: null,
      weekday,
      name: `${baseName}${n}`,
      grades: [],
      venueId: null,
      teacherStaffId: null,
      memberIds: [],
    },
  ];
}

export function removeGroup(draft: readonly DraftGroup[], key: string): DraftGroup[] {
  return draft.filter((g) => g.key !== key);
}

/** Children attending the weekday who are in no group of it. */
export function unplacedOn(view: GroupingView, draft: readonly DraftGroup[], weekday: Weekday): string[] {
  const placed = new Set(draft.filter((g) => g.weekday === weekday).flatMap((g) => g.memberIds));
  return view.children
    .filter((c) => c.weekdays.includes(weekday) && !placed.has(c.enrollmentId))
    .map((c) => c.enrollmentId);
}

/** B 五(三): a day's head-count and quota beside the teachers of its groups and the rota's managers. */
export function dayQuota(
  view: GroupingView,
  draft: readonly DraftGroup[],
  weekday: Weekday,
): GroupingDayView {
  const children = view.children.filter((c) => c.weekdays.includes(weekday)).length;
  const quota = staffingQuota(children, {
    studentsPerTeacher: view.policy.studentsPerTeacher,
    studentsPerManager: view.policy.studentsPerManager,
    teacherRounding: view.policy.teacherRounding === 'ceil' ? 'ceil' : 'floor',
    managerRounding: view.policy.managerRounding === 'ceil' ? 'ceil' : 'floor',
  });
  const assignable = new Set(view.staff.filter((s) => s.assignable && s.kind === 'teacher').map((s) => s.id));
  const dayGroups = draft.filter((g) => g.weekday === weekday);
  const teachers = new Set(
    dayGroups.flatMap((g) =>
      g.teacherStaffId && assignable.has(g.teacherStaffId) ? [g.teacherStaffId] : [],
    ),
  );
  return {
    weekday,
    children,
    groups: dayGroups.length,
    teachersRequired: quota.teachers,
    teachersAssigned: teachers.size,
    managersRequired: quota.managers,
    managersAssigned: view.days.find((d) => d.weekday === weekday)?.managersAssigned ?? 0,
    clause: 'B 五(三)',
  };
}

function named(text: string, ids: readonly (string | undefined)[], names: ReadonlyMap<string, string>) {
  let out = text;
  // Longest ids first, so that no id inside another is replaced on its own.
  const present = [...new Set(ids)].filter((id): id is string => id !== undefined && names.has(id));
  for (const id of present.sort((a, b) => b.length - a.length))
    if (out.includes(id)) out = out.split(id).join(names.get(id) ?? id);
  return out;
}

/**
 * The problems of the grouping as edited: the domain's checks on the enrolled children, the plan's
 * venues and the assignable staff, the quota of each day with its clause, every id named.
 */
export function liveProblems(view: GroupingView, draft: readonly DraftGroup[]): GroupingProblemView[] {
  const people = peopleOf(view);
  const problems = validateGrouping(
    {
      groups: draft.map((g) => ({
        id: g.key,
        weekday: g.weekday,
        grades:
          g.grades.length > 0 ? g.grades : [...new Set(g.memberIds.map((id) => people.get(id)?.grade ?? 0))],
        venueId: g.venueId,
        teacherId: g.teacherStaffId,
        childIds: g.memberIds,
      })),
      days: [],
    },
    {
      children: view.children.map((c) => ({
        id: c.enrollmentId,
        grade: c.grade,
        classId: c.className,
        weekdays: c.weekdays.map(asWeekday),
      })),
      venues: view.plan.venues.map((v) => ({ id: v.id, capacity: v.capacity })),
      staff: view.staff
        .filter((s) => s.assignable)
        .map((s) => ({ id: s.id, role: s.kind, weekdays: s.weekdays.map(asWeekday) })),
      ratios: {
        studentsPerTeacher: view.policy.studentsPerTeacher,
        studentsPerManager: view.policy.studentsPerManager,
        teacherRounding: view.policy.teacherRounding === 'ceil' ? 'ceil' : 'floor',
        managerRounding: view.policy.managerRounding === 'ceil' ? 'ceil' : 'floor',
      },
    },
  ).filter((p) => p.code !== 'quota_shortfall');
  const weekdays = [...new Set([...view.plan.weekdays, ...draft.map((g) => g.weekday)])].map(asWeekday);
  for (const weekday of weekdays.sort((a, b) => a - b)) {
    const day = dayQuota(view, draft, weekday);
    if (day.teachersAssigned < day.teachersRequired || day.managersAssigned < day.managersRequired)
      problems.push({
        code: 'quota_shortfall',
        severity: 'error',
        weekday,
        clause: 'B 五(三)',
        numbers: {
          children: day.children,
          teachersRequired: day.teachersRequired,
          teachersAssigned: day.teachersAssigned,
          managersRequired: day.managersRequired,
          managersAssigned: day.managersAssigned,
          groups: day.groups,
        },
        message: {
          zh: `${day.children}名学生应配教师${day.teachersRequired}名、管理人员${day.managersRequired}名，实配教师${day.teachersAssigned}名、管理人员${day.managersAssigned}名`,
          en: `${day.children} children need ${day.teachersRequired} teachers and ${day.managersRequired} managers; ${day.teachersAssigned} teachers and ${day.managersAssigned} managers assigned`,
        },
      });
    const note = overQuota({ ...day, weekday });
    if (note) problems.push(note);
  }
  // Each message names its own child, person, venue and group, and at most another group or venue:
  // only those ids are looked up, so thousands of problems stay cheap on every edit.
  const names = new Map<string, string>();
  for (const p of people.values())
    names.set(p.enrollmentId, `${p.name}（${p.className}）${p.withdrawn ? '［已退出］' : ''}`);
  for (const s of view.staff) names.set(s.id, s.name);
  for (const v of view.plan.venues) names.set(v.id, v.name);
  for (const g of draft) names.set(g.key, g.name);
  const groupKeys = draft.map((g) => g.key);
  const venueIds = view.plan.venues.map((v) => v.id);
  return problems.map((p) => {
    const ids = [p.childId, p.staffId, p.venueId, p.groupId, ...venueIds, ...groupKeys];
    return { ...p, message: { zh: named(p.message.zh, ids, names), en: named(p.message.en, ids, names) } };
  });
}
