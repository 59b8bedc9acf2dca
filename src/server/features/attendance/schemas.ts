import { z } from 'zod';
import { multilineText, text } from '../../schemas.js';

export const dayParams = z.object({ schoolId: z.uuid(), date: z.iso.date() });
export const childDayParams = dayParams.extend({ studentId: z.uuid() });

export const rollCallQuery = z.strictObject({ groupId: z.uuid().optional() });
export type RollCallQuery = z.infer<typeof rollCallQuery>;

const markEnum = z.enum(['present', 'late', 'absent', 'leave']);
export type MarkValue = z.infer<typeof markEnum>;

const historyEntry = z.object({
  // The stored mark's id; null for the guardian's leave request, which counts as a first 请假 mark.
  id: z.uuid().nullable(),
  mark: markEnum,
  at: z.iso.datetime(),
  byName: z.string().nullable(),
  source: z.enum(['staff', 'leave_request']),
});

const followUpSchema = z.object({
  // open: nobody reached yet; escalated: past the policy's limit, duty chief and admin told;
  // closed: contact recorded; cancelled: the absence was corrected (A 三.5).
  state: z.enum(['open', 'closed', 'escalated', 'cancelled']),
  openedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  escalatedAt: z.iso.datetime().nullable(),
  contact: z
    .object({
      at: z.iso.datetime(),
      byName: z.string().nullable(),
      contactPerson: z.string().nullable(),
      result: z.string(),
      reason: z.string(),
    })
    .nullable(),
});

export const rollCallChildSchema = z.object({
  studentId: z.uuid(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  grade: z.number().int(),
  className: z.string(),
  groupId: z.uuid().nullable(),
  status: z.enum(['expected', 'present', 'called', 'absent', 'on_leave', 'in_custody', 'released']),
  // The mark in force (null: none yet). `basedOn` of the next mark must be `markId` (null when the
  // only mark is the guardian's leave) — a stale offline mark is refused rather than applied.
  markId: z.uuid().nullable(),
  mark: markEnum.nullable(),
  history: z.array(historyEntry),
  leave: z
    .object({ leaveId: z.uuid(), fromDate: z.iso.date(), toDate: z.iso.date(), reason: z.string() })
    .nullable(),
  extendedCustody: z.boolean(),
  mayLeaveAlone: z.boolean(),
  followUp: followUpSchema.nullable(),
  // In full for staff with roster.full_phones (they call when a child is missing), else masked.
  guardians: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string().nullable() })),
});
export type RollCallChild = z.infer<typeof rollCallChildSchema>;

export const rollCallViewSchema = z.object({
  school: z.object({ id: z.uuid(), name: z.string() }),
  date: z.iso.date(),
  // The day is closed by the duty chief (F-16): nothing can be marked any more.
  closed: z.boolean(),
  scope: z.enum(['school', 'own_groups']),
  fullPhones: z.boolean(),
  followUpLimitMinutes: z.number().int(),
  groups: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      teacherName: z.string().nullable(),
      // Where the group meets (a venue of the approved plan, B 三); null when none is set.
      venueName: z.string().nullable(),
      children: z.array(rollCallChildSchema),
    }),
  ),
  // Children attending that day who are in no group (whole-school readers, no group asked).
  ungrouped: z.array(rollCallChildSchema),
});
export type RollCallView = z.infer<typeof rollCallViewSchema>;

export const markInput = z.strictObject({
  // Made on the phone when the teacher taps: a replayed mark is recognised by it.
  id: z.uuid(),
  studentId: z.uuid(),
  mark: markEnum,
  // The mark this one replaces as the phone saw it (null: none yet).
  basedOn: z.uuid().nullable(),
  // When the teacher tapped (an offline mark keeps its time), with the zone offset.
  at: z.iso.datetime({ offset: true }),
  deviceId: text(100),
});
export type MarkInput = z.infer<typeof markInput>;

export const marksBody = z.strictObject({
  marks: z
    .array(markInput)
    .min(1)
    .max(300)
    .refine((marks) => new Set(marks.map((m) => m.id)).size === marks.length, {
      message: '同一条点名记录重复 / The same mark id is given twice',
    }),
});
export type MarksBody = z.infer<typeof marksBody>;

export const markStatus = z.enum(['saved', 'duplicate', 'unchanged', 'conflict', 'refused']);
export type MarkStatus = z.infer<typeof markStatus>;

export const markResultSchema = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  // saved: stored now; duplicate: this id was stored before (a replay); unchanged: the child already
  // has this mark; conflict: someone corrected the child meanwhile (MARK_CONFLICT, nothing
  // overwritten); refused: the child's day does not allow it (CHILD_DAY_REFUSED with the clause).
  status: markStatus,
  // The child's mark in force after this request: the next mark is based on it.
  current: z.object({ markId: z.uuid().nullable(), mark: markEnum.nullable() }),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) })
    .nullable(),
});
export type MarkResult = z.infer<typeof markResultSchema>;

export const marksResultSchema = z.object({
  date: z.iso.date(),
  saved: z.number().int(),
  results: z.array(markResultSchema),
});
export type MarksResult = z.infer<typeof marksResultSchema>;

export const followUpBody = z.strictObject({
  // Made by the phone, so a replay is recognised (optional).
  id: z.uuid().optional(),
  // Whom the teacher reached (A 三.5 未到时及时了解情况并做好记录).
  contactPerson: text(50),
  result: multilineText(200),
  reason: multilineText(200),
  at: z.iso.datetime({ offset: true }),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

export const followUpResultSchema = z.object({
  studentId: z.uuid(),
  eventId: z.uuid(),
  duplicate: z.boolean(),
  followUp: followUpSchema,
});
export type FollowUpResult = z.infer<typeof followUpResultSchema>;
