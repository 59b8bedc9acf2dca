import { z } from 'zod';
import { multilineText } from '../../schemas.js';
import { visitSchema } from '../gate-visits/schemas.js';
import { handoverSchema } from '../handover/schemas.js';

export { dayParams } from '../handover/schemas.js';

export const closeDayBody = z.strictObject({ note: multilineText(500).nullish() });
export type CloseDayBody = z.infer<typeof closeDayBody>;

// C 延时托管 at the end time: the staff member who keeps every child still in care.
export const endCustodyBody = z.strictObject({
  staffId: z.uuid(),
});
export type EndCustodyBody = z.infer<typeof endCustodyBody>;

const custodian = z.object({ staffId: z.uuid(), name: z.string() });

export const endCustodyResultSchema = z.object({
  // Children moved by this request (0 when it is repeated), and in custody after it.
  moved: z.number(),
  inCustody: z.number(),
  custodian,
});
export type EndCustodyResult = z.infer<typeof endCustodyResultSchema>;

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
  awaitingRollCall: z.number(),
  inSchool: z.number(),
  inCustody: z.number(),
  unaccounted: z.number(),
});

// Why nobody knows where a child is (去向未明, `standingOf` in src/domain/child-day.ts).
export const unaccountedReasonSchema = z.enum(['no_mark', 'absence_not_followed_up', 'no_custody_decision']);

// Where a child stands at the moment of the request (`standingOf`): over (left, not attending), known
// and not over (awaiting the roll call, in school to be released, in custody to be collected), unknown.
export const standingSchema = z.enum([
  'left',
  'not_attending',
  'awaiting_roll_call',
  'in_school',
  'in_custody',
  'no_mark',
  'absence_not_followed_up',
  'no_custody_decision',
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
  standing: standingSchema,
  // The standing when nobody knows where the child is; null otherwise.
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
  // `automatic`: not by the recorded need but because nobody had collected the child; `by`: who placed
  // the child (null: the automatic move after the pickup grace).
  custody: z.object({ at, staffName: z.string().nullable(), automatic: z.boolean(), by }).nullable(),
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
      // The figures at the close and the children then in extended custody per staff member (C
      // 延时托管: the custody goes on after the close; empty for closures stored before issue 14.3).
      summary: dayCountsSchema.extend({
        custodyByStaff: z.array(
          z.object({ staffId: z.string(), staffName: z.string().nullable(), count: z.number() }),
        ),
      }),
    })
    .nullable(),
  counts: dayCountsSchema,
  // The roll-call deadline and the end of the service, as instants (`standingOf`'s moments).
  rollCallDue: at,
  serviceEnd: at,
  // F-16: the day can be closed when every child is accounted for: nobody unknown, nobody awaiting the
  // roll call or in school before the end time. Children in extended custody do not keep it open: a
  // named staff member has them, and the gate releases them after the close.
  closable: z.boolean(),
  // C 延时托管 at the end time: whether the page offers to move every child still in care (today, from
  // the end time, not closed), how many that would be, the staff who may keep them (a letter in force,
  // A 三.1) and the one proposed (the day's duty chief on the rota).
  endCustody: z.object({
    offered: z.boolean(),
    due: z.number(),
    staff: z.array(custodian),
    defaultStaffId: z.uuid().nullable(),
  }),
  // Each child nobody knows the state of (去向未明), with the reason and whom to call.
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
