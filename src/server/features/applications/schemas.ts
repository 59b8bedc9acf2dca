import { z } from 'zod';
import { MAX_PICKUP_PERSONS, MAX_REASON_LENGTH } from '../../../domain/enrollment.js';
import { multilineText, queryInteger, text, typedString } from '../../schemas.js';

const status = z.enum(['submitted', 'approved', 'waitlisted', 'withdrawn']);
// 1 = Monday … 7 = Sunday; whether the school serves it is checked against the notice.
const weekday = z.number().int().min(1).max(7);

// A pickup person as typed: the mobile may have spaces or +86 (normalised by the domain check).
export const pickupPersonBody = z.strictObject({
  name: text(40),
  relation: text(40),
  phone: text(30),
});

// The guardian's choices (F-06), shared by the online form and the paper form.
const choices = {
  termId: z.uuid(),
  // The notice version the guardian read and agrees to (B 四(一) 自愿参加).
  noticeVersion: z.number().int().min(1),
  weekdays: z.array(weekday).max(7),
  departureBatch: text(30),
  extendedCustody: z.boolean(),
  extendedCustodyReason: typedString(MAX_REASON_LENGTH).nullish(),
  // An explicit statement; the form's switch starts off.
  mayLeaveAlone: z.boolean(),
  pickupPersons: z.array(pickupPersonBody).max(MAX_PICKUP_PERSONS * 2),
};

export const submitApplicationBody = z.strictObject({
  ...choices,
  // The box “我已阅读服务公示，自愿报名” must be ticked.
  consent: z.literal(true, { message: '请确认已阅读服务公示并自愿报名 / Confirm you have read the notice' }),
});
export type SubmitApplicationBody = z.infer<typeof submitApplicationBody>;

// The JSON field `data` of the multipart paper form; the scan is the file.
export const paperApplicationData = z.strictObject({
  ...choices,
  studentId: z.uuid(),
  guardianName: text(40),
  // The date written on the form.
  formDate: z.iso.date(),
});
export type PaperApplicationData = z.infer<typeof paperApplicationData>;

export const applicationIdsBody = z.strictObject({
  applicationIds: z.array(z.uuid()).min(1).max(500),
});

export const waitlistBody = z.strictObject({
  applicationIds: z.array(z.uuid()).min(1).max(500),
  reason: multilineText(MAX_REASON_LENGTH),
});

export const listApplicationsQuery = z.strictObject({
  termId: z.uuid(),
  status: status.default('submitted'),
  page: queryInteger(1, 100_000).default(1),
  pageSize: queryInteger(1, 200).default(50),
});

export const applicationFormQuery = z.strictObject({
  schoolCode: z
    .string()
    .trim()
    .regex(/^\d{10}$/),
  termCode: text(40),
});

// By term code: the counties of a city each have their own term rows with the same code.
export const coverageGapQuery = z.strictObject({ termCode: text(40) });

export const pickupPersonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  relation: z.string(),
  phone: z.string(),
  hasPhoto: z.boolean(),
});
export type PickupPerson = z.infer<typeof pickupPersonSchema>;

export const applicationSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  termId: z.uuid(),
  termName: z.string(),
  status,
  source: z.enum(['online', 'paper']),
  student: z.object({
    id: z.uuid(),
    name: z.string(),
    studentNo: z.string(),
    grade: z.number().int(),
    className: z.string(),
  }),
  weekdays: z.array(z.number().int()),
  departureBatch: z.string(),
  extendedCustody: z.boolean(),
  extendedCustodyReason: z.string().nullable(),
  mayLeaveAlone: z.boolean(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  waitlistReason: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  consent: z
    .object({
      guardianName: z.string(),
      givenAt: z.string(),
      noticeVersion: z.number().int(),
      hasScan: z.boolean(),
    })
    .nullable(),
  enrollment: z.object({ startsOn: z.string(), withdrawnFrom: z.string().nullable() }).nullable(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationListSchema = z.object({
  items: z.array(applicationSchema),
  total: z.number().int(),
  counts: z.object({
    submitted: z.number().int(),
    approved: z.number().int(),
    waitlisted: z.number().int(),
    withdrawn: z.number().int(),
  }),
});
export type ApplicationList = z.infer<typeof applicationListSchema>;

export const applicationFormSchema = z.object({
  school: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  term: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    unifiedStartDate: z.string().nullable(),
  }),
  notice: z.object({
    version: z.number().int(),
    publishedAt: z.string(),
    weekdays: z.array(z.number().int()),
    departureBatches: z.array(
      z.object({ name: z.string(), time: z.string(), seasons: z.array(z.enum(['summer', 'other'])) }),
    ),
    grades: z.array(z.number().int()),
    extendedCustodyOffered: z.boolean(),
  }),
  // B 二: the season in force today (its batches are offered) and the other one with its first day.
  season: z.object({
    current: z.enum(['summer', 'other']),
    other: z.enum(['summer', 'other']),
    otherFrom: z.string(),
  }),
  // The region's lowest grade whose children may leave school alone (its policy).
  leaveAlone: z.object({ minGrade: z.number().int() }),
  children: z.array(
    z.object({
      studentId: z.uuid(),
      name: z.string(),
      grade: z.number().int(),
      className: z.string(),
      eligible: z.boolean(),
      // Whether the guardian may state that this child leaves alone (grade ≥ leaveAlone.minGrade).
      mayLeaveAlone: z.boolean(),
      application: applicationSchema.nullable(),
      pickupPersons: z.array(pickupPersonSchema),
    }),
  ),
});
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

export const guardianOverviewSchema = z.object({
  items: z.array(
    z.object({
      studentId: z.uuid(),
      schoolId: z.uuid(),
      schoolName: z.string(),
      schoolCode: z.string(),
      name: z.string(),
      grade: z.number().int(),
      className: z.string(),
      application: applicationSchema.nullable(),
      withdrawalEffectiveFrom: z.string().nullable(),
      pickupPersons: z.array(pickupPersonSchema),
      openTerm: z.object({ code: z.string(), name: z.string(), eligible: z.boolean() }).nullable(),
    }),
  ),
});
export type GuardianOverview = z.infer<typeof guardianOverviewSchema>;

export const childApplicationsSchema = z.object({
  items: z.array(applicationSchema),
  pickupPersons: z.array(pickupPersonSchema),
});

export const approveResultSchema = z.object({
  items: z.array(z.object({ applicationId: z.uuid(), enrollmentId: z.uuid(), startsOn: z.string() })),
});

export const withdrawResultSchema = z.object({
  applicationId: z.uuid(),
  withdrawnFrom: z.string().nullable(),
});

export const coverageGapSchema = z.object({
  items: z.array(
    z.object({
      schoolId: z.uuid(),
      schoolName: z.string(),
      schoolCode: z.string(),
      waitlisted: z.number().int(),
      submitted: z.number().int(),
      approved: z.number().int(),
    }),
  ),
  totalWaitlisted: z.number().int(),
});
