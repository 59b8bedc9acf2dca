import { z } from 'zod';

export const schoolParams = z.object({ schoolId: z.uuid() });

const markCounts = z.object({
  expected: z.number().int(),
  attended: z.number().int(),
  late: z.number().int(),
  absent: z.number().int(),
  onLeave: z.number().int(),
  unmarked: z.number().int(),
});

const bilingual = z.object({ zh: z.string(), en: z.string() });

// The school admin's day at a glance (issue 14.9): each figure links to the page that acts on it.
export const schoolTodaySchema = z.object({
  // The school's date by the request's clock (the demo clock in the demo).
  date: z.iso.date(),
  term: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  day: z.discriminatedUnion('served', [
    z.object({
      served: z.literal(true),
      // Closed by the duty chief (F-16).
      closed: z.boolean(),
      // The marks in force (F-11): 实到 counts late children too (domain/roll-call-counts.ts).
      attendance: markCounts,
      // Absent with no contact recorded yet (A 三.5 未到时及时了解情况), escalated or not.
      openAbsences: z.number().int(),
      // In extended custody now, not yet released (C 延时托管).
      inCustody: z.number().int(),
    }),
    z.object({
      served: z.literal(false),
      // NOT_A_SERVICE_DAY's reason code and its words: a holiday, a weekend, no approved plan…
      reason: z.string(),
      message: bilingual,
    }),
  ]),
  // B 五(二) 学校审核: applications of the term waiting for the school's decision.
  pendingApplications: z.number().int(),
  // A 三.1 岗位责任书: staff (not archived) whose letter in force ends within 30 days with none after
  // it, and those whose letters have all expired.
  letters: z.object({
    expiring: z.array(z.object({ staffId: z.uuid(), name: z.string(), validUntil: z.iso.date() })),
    expired: z.array(z.object({ staffId: z.uuid(), name: z.string() })),
  }),
  // The term plan's live findings (F-03), as the plan page shows them.
  plan: z
    .object({
      planId: z.uuid(),
      status: z.string(),
      errors: z.number().int(),
      warnings: z.number().int(),
    })
    .nullable(),
});
export type SchoolToday = z.infer<typeof schoolTodaySchema>;

// The signed-in person's own staff record at the school (the profile card): null for an account with
// no staff record there.
export const myStaffRecordSchema = z.object({
  staff: z.object({ staffId: z.uuid(), name: z.string(), phone: z.string().nullable() }).nullable(),
});
export type MyStaffRecord = z.infer<typeof myStaffRecordSchema>;
