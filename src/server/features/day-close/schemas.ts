import { z } from 'zod';
import { multilineText } from '../../schemas.js';
import { visitSchema } from '../gate-visits/schemas.js';
import { handoverSchema } from '../handover/schemas.js';

export { dayParams } from '../handover/schemas.js';

export const closeDayBody = z.strictObject({ note: multilineText(500).nullish() });
export type CloseDayBody = z.infer<typeof closeDayBody>;

// The day's figures (src/domain/day-close.ts `dayCounts`).
export const dayCountsSchema = z.object({
  enrolled: z.number(),
  attended: z.number(),
  absent: z.number(),
  onLeave: z.number(),
  released: z.number(),
  custody: z.number(),
  inCare: z.number(),
  unmarked: z.number(),
  unaccounted: z.number(),
});

export const unaccountedReasonSchema = z.enum([
  'no_mark',
  'still_in_care',
  'in_custody',
  'absence_not_followed_up',
]);

const at = z.iso.datetime({ offset: true });
// Who did it: a name, or null for what the platform did by itself (automatic custody, escalation).
const by = z.string().nullable();

export const dayChildSchema = z.object({
  studentId: z.uuid(),
  name: z.string(),
  studentNo: z.string(),
  grade: z.number(),
  className: z.string(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  status: z.enum(['expected', 'present', 'called', 'absent', 'on_leave', 'in_custody', 'released']),
  unaccounted: unaccountedReasonSchema.nullable(),
  batch: z.object({ name: z.string(), time: z.string() }).nullable(),
  extendedCustody: z.boolean(),
  leave: z.object({ fromDate: z.iso.date(), toDate: z.iso.date(), reason: z.string() }).nullable(),
  // Every mark in order; the last is in force (A 三.5: corrections keep the earlier marks).
  marks: z.array(z.object({ mark: z.enum(['present', 'late', 'absent', 'leave']), at, by })),
  followUp: z
    .object({
      state: z.enum(['open', 'closed', 'escalated', 'cancelled']),
      openedAt: at,
      contact: z.object({ at, by, result: z.string(), reason: z.string() }).nullable(),
      escalatedAt: at.nullable(),
    })
    .nullable(),
  called: z.object({ at, by }).nullable(),
  custody: z.object({ at, staffName: z.string().nullable(), automatic: z.boolean() }).nullable(),
  release: z
    .object({
      at,
      by,
      method: z.enum(['pickup_code', 'listed_person', 'alone']),
      // The authorized person the child went with; null when the child left alone.
      to: z.object({ name: z.string(), relation: z.string() }).nullable(),
    })
    .nullable(),
});
export type DayChildView = z.infer<typeof dayChildSchema>;

const teacher = { teacherName: z.string().nullable(), teacherPhone: z.string().nullable() };

export const dayViewSchema = z.object({
  date: z.iso.date(),
  weekday: z.number(),
  endTime: z.string(),
  dutyChief: z.object({ name: z.string() }).nullable(),
  // Set once the duty chief has closed the day: who, when, the note and the figures at that moment.
  closure: z
    .object({
      closedBy: z.object({ userId: z.uuid(), name: z.string() }),
      closedAt: at,
      note: z.string().nullable(),
      summary: dayCountsSchema,
    })
    .nullable(),
  counts: dayCountsSchema,
  // F-16: the day can be closed only when no child is unaccounted for.
  closable: z.boolean(),
  // Each child not accounted for, with the reason and whom to call.
  unaccounted: z.array(
    z.object({
      studentId: z.uuid(),
      name: z.string(),
      className: z.string(),
      groupId: z.uuid().nullable(),
      groupName: z.string().nullable(),
      ...teacher,
      reason: unaccountedReasonSchema,
    }),
  ),
  // Per group of the day, and the children in none (groupId null) when there are any.
  groups: z.array(
    z.object({
      groupId: z.uuid().nullable(),
      name: z.string().nullable(),
      ...teacher,
      counts: dayCountsSchema,
    }),
  ),
  children: z.array(dayChildSchema),
  handovers: z.array(handoverSchema),
  visitorsInside: z.array(visitSchema),
});
export type DayView = z.infer<typeof dayViewSchema>;
