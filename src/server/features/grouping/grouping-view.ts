// The grouping as the page shows it: groups with their members by name, the quota of every weekday
// with its clause (B 五(三)), the problems. Shared by the proposal, the stored grouping and the save.
import type { Weekday } from '../../../domain/dates.js';
import type { GroupingDay, GroupingProblem } from '../../../domain/grouping.js';
import { staffingQuota } from '../../../domain/staffing-quota.js';
import { type GroupingSetting, liveChildren } from './grouping-setting.js';
import type { GroupingView, GroupView, MemberView } from './schemas.js';

export interface GroupDraft {
  id: string | null;
  key: string;
  weekday: Weekday;
  name: string;
  grades: number[];
  venueId: string | null;
  teacherStaffId: string | null;
  enrollmentIds: string[];
}

export function groupingView(
  setting: GroupingSetting,
  options: {
    groups: GroupDraft[];
    managerDays: GroupingDay[];
    problems: GroupingProblem[];
    saved: boolean;
    scope: 'school' | 'own_groups';
  },
): GroupingView {
  const live = liveChildren(setting);
  const member = (id: string): MemberView[] => {
    const c = setting.enrollments.get(id);
    if (!c) return [];
    return [
      {
        enrollmentId: c.enrollmentId,
        studentId: c.studentId,
        studentNo: c.studentNo,
        name: c.name,
        grade: c.grade,
        className: c.className,
        status: c.live ? 'enrolled' : 'withdrawn',
        withdrawnFrom: c.withdrawnFrom,
      },
    ];
  };
  const groups: GroupView[] = options.groups.map((g) => ({
    id: g.id,
    key: g.key,
    weekday: g.weekday,
    name: g.name,
    grades: g.grades,
    venueId: g.venueId,
    teacherStaffId: g.teacherStaffId,
    members: g.enrollmentIds.flatMap(member),
  }));
  const days = quotaDays(setting, options.groups, options.managerDays);
  return {
    school: { id: setting.school.schoolId, code: setting.school.code, name: setting.school.name },
    term: {
      id: setting.term.termId,
      code: setting.term.code,
      name: setting.term.name,
      firstDay: setting.term.firstDay,
      lastDay: setting.term.lastDay,
      periodFrom: setting.period.from,
      periodTo: setting.period.to,
    },
    plan: {
      planId: setting.planId,
      noticeVersion: setting.noticeVersion,
      weekdays: setting.plan.weekdays,
      venues: setting.plan.venues.map((v) => ({ id: v.id, name: v.name, capacity: v.capacity })),
      activities: setting.plan.timetable.map((s) => ({
        weekdays: s.weekdays ?? setting.plan.weekdays,
        start: s.start,
        end: s.end,
        activity: s.activity,
        venueId: s.venueId,
      })),
    },
    policy: {
      version: setting.policyVersion,
      studentsPerTeacher: setting.ratios.studentsPerTeacher,
      studentsPerManager: setting.ratios.studentsPerManager,
      teacherRounding: setting.ratios.teacherRounding,
      managerRounding: setting.ratios.managerRounding,
    },
    // Archived staff are named in problems, never offered.
    staff: setting.staff
      .filter((s) => !s.archived)
      .map((s) => ({
        id: s.staffId,
        name: s.name,
        kind: s.kind,
        weekdays: s.weekdays,
        assignable: s.assignable,
      })),
    children:
      options.scope === 'school'
        ? live.map((c) => ({
            enrollmentId: c.enrollmentId,
            studentId: c.studentId,
            studentNo: c.studentNo,
            name: c.name,
            grade: c.grade,
            className: c.className,
            weekdays: c.weekdays,
          }))
        : [],
    groups,
    days,
    problems: options.problems.map((p) => ({ ...p })),
    saved: options.saved,
    scope: options.scope,
  };
}

// Each weekday's head-count and quota (B 五(三)) beside the teachers and managers assigned: a teacher
// counts once a day however many groups, and only with a current letter (A 三.1).
export function quotaDays(setting: GroupingSetting, groups: GroupDraft[], managerDays: GroupingDay[]) {
  const live = liveChildren(setting);
  const staffById = new Map(setting.staff.map((s) => [s.staffId, s]));
  const weekdays = [...new Set<Weekday>([...setting.plan.weekdays, ...groups.map((g) => g.weekday)])].sort(
    (a, b) => a - b,
  );
  const days = weekdays.map((weekday) => {
    const children = live.filter((c) => c.weekdays.includes(weekday)).length;
    const quota = staffingQuota(children, setting.ratios);
    const dayGroups = groups.filter((g) => g.weekday === weekday);
    const teachers = new Set(
      dayGroups.flatMap((g) => {
        const s = g.teacherStaffId ? staffById.get(g.teacherStaffId) : undefined;
        return s?.assignable && s.kind === 'teacher' ? [s.staffId] : [];
      }),
    );
    const managers = new Set(
      (managerDays.find((d) => d.weekday === weekday)?.managerIds ?? []).filter((id) => {
        const s = staffById.get(id);
        return s?.assignable && s.kind === 'manager';
      }),
    );
    return {
      weekday,
      children,
      groups: dayGroups.length,
      teachersRequired: quota.teachers,
      teachersAssigned: teachers.size,
      managersRequired: quota.managers,
      managersAssigned: managers.size,
      clause: 'B 五(三)',
    };
  });
  return days;
}
