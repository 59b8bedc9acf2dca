import { z } from 'zod';
import { text } from '../../schemas.js';

export const termParams = z.object({ schoolId: z.uuid(), termId: z.uuid() });

const weekday = z.number().int().min(1).max(7);
const grade = z.number().int().min(1).max(9);

export const proposalBody = z.strictObject({
  // Grades that may share a group, e.g. [[1, 2], [3, 4], [5, 6]]; absent: each grade alone, a small
  // grade joins an adjacent one.
  gradeBands: z.array(z.array(grade).min(1).max(9)).min(1).max(9).optional(),
  // The school's own upper bound on a group (the policy's and the venue's still apply).
  maxGroupSize: z.number().int().min(1).max(500).optional(),
});
export type ProposalBody = z.infer<typeof proposalBody>;

export const saveGroupBody = z.strictObject({
  // A group already saved keeps its id; a new group has none.
  id: z.uuid().optional(),
  weekday,
  name: text(40),
  grades: z.array(grade).max(9),
  venueId: text(40).nullable(),
  teacherStaffId: z.uuid().nullable(),
  enrollmentIds: z.array(z.uuid()).max(5000),
});
export type SaveGroupBody = z.infer<typeof saveGroupBody>;

export const saveGroupingBody = z.strictObject({
  groups: z.array(saveGroupBody).max(700),
});
export type SaveGroupingBody = z.infer<typeof saveGroupingBody>;

export const problemSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  weekday,
  clause: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  childId: z.string().optional(),
  groupId: z.string().optional(),
  venueId: z.string().optional(),
  staffId: z.string().optional(),
  reason: z.string().optional(),
  numbers: z.record(z.string(), z.number()).optional(),
});
export type ProblemView = z.infer<typeof problemSchema>;

export const memberSchema = z.object({
  enrollmentId: z.uuid(),
  studentId: z.uuid(),
  studentNo: z.string(),
  name: z.string(),
  grade: z.number().int(),
  className: z.string(),
  // 'withdrawn': the child left the service and is still in the group (a problem to fix).
  status: z.enum(['enrolled', 'withdrawn']),
  withdrawnFrom: z.string().nullable(),
});
export type MemberView = z.infer<typeof memberSchema>;

export const groupSchema = z.object({
  // Null for a proposed group not saved yet; `key` identifies it on the page either way.
  id: z.uuid().nullable(),
  key: z.string(),
  weekday,
  name: z.string(),
  grades: z.array(z.number().int()),
  venueId: z.string().nullable(),
  teacherStaffId: z.uuid().nullable(),
  members: z.array(memberSchema),
});
export type GroupView = z.infer<typeof groupSchema>;

export const daySchema = z.object({
  weekday,
  children: z.number().int(),
  groups: z.number().int(),
  // B 五(三): 按每班30名以上学生配1名教师，每90名学生加配1名管理人员.
  teachersRequired: z.number().int(),
  teachersAssigned: z.number().int(),
  managersRequired: z.number().int(),
  managersAssigned: z.number().int(),
  clause: z.string(),
});
export type DayView = z.infer<typeof daySchema>;

export const groupingViewSchema = z.object({
  school: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  term: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    firstDay: z.string(),
    lastDay: z.string(),
    // The days the grouping is checked for: from the later of the service start and today.
    periodFrom: z.string(),
    periodTo: z.string(),
  }),
  plan: z.object({
    planId: z.uuid(),
    noticeVersion: z.number().int(),
    weekdays: z.array(weekday),
    venues: z.array(z.object({ id: z.string(), name: z.string(), capacity: z.number().int() })),
    activities: z.array(
      z.object({
        weekdays: z.array(weekday),
        start: z.string(),
        end: z.string(),
        activity: z.string(),
        venueId: z.string(),
      }),
    ),
  }),
  policy: z.object({
    version: z.number().int(),
    studentsPerTeacher: z.number().int(),
    studentsPerManager: z.number().int(),
    teacherRounding: z.string(),
    managerRounding: z.string(),
  }),
  staff: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(['teacher', 'manager']),
      weekdays: z.array(weekday),
      // A 三.1: a responsibility letter covers the grouping's period.
      assignable: z.boolean(),
    }),
  ),
  // The children enrolled on the period's first day, with the weekdays they attend.
  children: z.array(
    z.object({
      enrollmentId: z.uuid(),
      studentId: z.uuid(),
      studentNo: z.string(),
      name: z.string(),
      grade: z.number().int(),
      className: z.string(),
      weekdays: z.array(weekday),
    }),
  ),
  groups: z.array(groupSchema),
  days: z.array(daySchema),
  problems: z.array(problemSchema),
  // False for a proposal (nothing saved); true for the stored grouping.
  saved: z.boolean(),
  // Whether the reader sees the whole school's grouping or only the groups they lead.
  scope: z.enum(['school', 'own_groups']),
});
export type GroupingView = z.infer<typeof groupingViewSchema>;
