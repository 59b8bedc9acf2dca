import { z } from 'zod';
import type { SavedArrangement } from '../../../domain/in-charge.js';
import type { TermPlan } from '../../../domain/plan.js';
import { PLAN_STATUSES, type PlanStatus } from '../../../domain/plan-workflow.js';
import {
  ACTIVITY_CATEGORIES,
  type ActivityCategory,
  SESSION_KINDS,
  type SessionKind,
} from '../../../domain/policy.js';
import { multilineText, text, typedString } from '../../schemas.js';
import { publicNoticeSchema } from '../notice/schemas.js';
import { regionPolicySchema } from '../policy/schemas.js';

const keys = <T extends string>(record: Record<T, unknown>) => Object.keys(record) as [T, ...T[]];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式为 HH:MM / Time as HH:MM' });
const date = z.iso.date();
// 1 = Monday … 7 = Sunday. Saturday and Sunday are accepted here and reported by the check (days.weekend).
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
const grade = z.number().int().min(1).max(9);
// The plan's own ids for its venues, staff and groups, which sessions and groups refer to.
const localId = z
  .string()
  .trim()
  .regex(/^[\w.:-]{1,64}$/, {
    message: '编号为 1–64 位字母、数字、_ . : - / An id of 1–64 letters, digits, _ . : -',
  });
// A phone as typed; whether it is a phone number is a compliance finding (A 四), so a draft may hold
// a half-typed one.
const phoneAsTyped = typedString(40);

// The shape of a TermPlan (src/domain/plan.ts) with bounds; what the shape cannot say (ids used
// twice, references, dates in the wrong order, sessions that overlap) the check reports by field.
// `category` and `kind` are the platform's lists in a request; a stored plan is shown as it is.
const termPlanShape = <C extends z.ZodType<string>, K extends z.ZodType<string>>(category: C, kind: K) =>
  z.strictObject({
    // 服务开始日期 (absent or null: the unified start date); a date outside the term counts from its edge.
    startsOn: date.nullable().optional(),
    weekdays: z.array(weekday).max(7),
    timetable: z
      .array(
        z.strictObject({
          weekdays: z.array(weekday).min(1).max(7).optional(),
          start: time,
          end: time,
          activity: text(60),
          category,
          kind,
          venueId: localId,
          staffIds: z.array(localId).max(20),
        }),
      )
      .max(50),
    endTimes: z.strictObject({ summer: time, other: time }),
    departureBatches: z
      .array(
        z.strictObject({
          name: text(30),
          time,
          seasons: z
            .array(z.enum(['summer', 'other']))
            .min(1)
            .max(2)
            .optional(),
        }),
      )
      .max(10),
    grades: z.array(grade).max(9),
    expectedStudents: z.number().int().min(0).max(100_000).nullable().optional(),
    venues: z
      .array(
        z.strictObject({
          id: localId,
          name: text(60),
          capacity: z.number().int().min(1).max(10_000),
          safetyInspection: z.strictObject({ passedOn: date, validUntil: date }).nullable(),
        }),
      )
      .max(50),
    staff: z
      .array(
        z.strictObject({
          id: localId,
          name: text(30),
          role: z.enum(['teacher', 'manager']),
          responsibilityLetter: z.strictObject({ signedOn: date, validUntil: date }).nullable(),
        }),
      )
      .max(200),
    groups: z
      .array(
        z.strictObject({
          id: localId,
          name: text(30),
          grades: z.array(grade).min(1).max(9),
          venueId: localId.nullable().optional(),
          teacherId: localId.nullable().optional(),
        }),
      )
      .max(100),
    emergencyContacts: z
      .array(z.strictObject({ name: text(30), role: text(30), phone: phoneAsTyped }))
      .max(20),
    principalOfficePhone: phoneAsTyped,
    insurance: z
      .array(
        z.strictObject({
          kind: z.enum(['school_liability', 'student_accident']),
          // Cover dates may lie outside the term: policies run by calendar or school year.
          insurer: text(60),
          number: text(60),
          coverFrom: date,
          coverTo: date,
        }),
      )
      .max(20),
    // F-04 调休上班日 (issue 14.17): the plan's choice where the policy lets it choose; absent: the
    // policy's default. The weekday whose timetable runs on them: a school day, Monday to Friday.
    makeUpWorkdays: z.enum(['served', 'not_served']).nullable().optional(),
    makeUpTimetableWeekday: z.literal([1, 2, 3, 4, 5]).nullable().optional(),
  });

// B 三: a category or kind the platform does not know is refused, naming the field. Whether the region
// allows a known category is the compliance check's (activity.unknown-category).
export const termPlanSchema = termPlanShape(
  z.enum(keys<ActivityCategory>(ACTIVITY_CATEGORIES)),
  z.enum(keys<SessionKind>(SESSION_KINDS)),
) satisfies z.ZodType<TermPlan>;
export const storedTermPlanSchema = termPlanShape(z.string(), z.string()) satisfies z.ZodType<TermPlan>;

const revision = z.number().int().min(1).max(1_000_000);
const comment = multilineText(1000);

export const createPlanBody = z.strictObject({ termId: z.uuid() });
export const savePlanBody = z.strictObject({ revision, content: termPlanSchema });
export type SavePlanBody = z.infer<typeof savePlanBody>;
export const submitPlanBody = z.strictObject({ revision });
// B 六(五) 审定: a return says what to change.
export const returnPlanBody = z.strictObject({ revision, comment });
export const approvePlanBody = z.strictObject({ revision, comment: comment.nullable().optional() });
export const reopenPlanBody = z.strictObject({ revision, comment: comment.nullable().optional() });

const statusSchema = z.enum(PLAN_STATUSES as [PlanStatus, ...PlanStatus[]]);
const timestamp = z.iso.datetime({ offset: true });
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: bilingual,
  clause: z.string(),
  field: z.string().optional(),
  /** Names a user typed that the message quotes as written (the page marks them as user text). */
  names: z.array(z.string()).optional(),
});

export const planListItemSchema = z.object({
  id: z.uuid(),
  termId: z.uuid(),
  termCode: z.string(),
  termName: z.string(),
  firstDay: date,
  lastDay: date,
  status: statusSchema,
  revision: z.number().int(),
  updatedAt: timestamp,
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  // The latest published notice version (F-05), null before the first approval.
  noticeVersion: z.number().int().nullable(),
});
export type PlanListItem = z.infer<typeof planListItemSchema>;

const serviceDaysSchema = z.object({
  count: z.number().int(),
  firstDay: date.nullable(),
  lastDay: date.nullable(),
  bySeason: z.object({ summer: z.number().int(), other: z.number().int() }),
  excluded: z.array(
    z.object({
      date,
      weekday: z.number().int(),
      reason: z.object({
        kind: z.enum([
          'holiday',
          'weekend',
          'weekday_not_served',
          'make_up_day_not_served',
          'no_service_day',
        ]),
        name: z.string().nullable().optional(),
        source: z.enum(['package', 'region', 'provisional', 'weekday-rule']).optional(),
        reason: z.string().optional(),
      }),
      label: bilingual,
    }),
  ),
  weekendDays: z.number().int(),
  makeUpDays: z.array(
    z.object({ date, weekday: z.number().int(), timetableWeekday: z.number().int().nullable() }),
  ),
  yearsLackingData: z.array(z.number().int()),
  yearsAwaitingOfficialDates: z.array(z.number().int()),
});

const person = z.object({ id: z.string(), name: z.string() });
const savedWeekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
export const arrangementSchema = z.object({
  groups: z.array(
    z.object({
      weekday: savedWeekday,
      name: z.string(),
      grades: z.array(z.number().int()),
      venueId: z.string().nullable(),
      leader: person.nullable(),
    }),
  ),
  duties: z.array(z.object({ weekday: savedWeekday, duty: z.enum(['duty_chief', 'manager']), person })),
}) satisfies z.ZodType<SavedArrangement>;

export const planDetailSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  status: statusSchema,
  revision: z.number().int(),
  content: storedTermPlanSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  school: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(['primary', 'junior_middle', 'nine_year']),
    grades: z.array(z.number().int()),
  }),
  term: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    firstDay: date,
    lastDay: date,
    unifiedStartDate: date.nullable(),
  }),
  // The version the plan is checked against: recorded at submission; before that, the one in force
  // on the term's first day (F-01).
  policyVersion: z.object({
    versionId: z.uuid(),
    regionId: z.uuid(),
    version: z.number().int(),
    effectiveFrom: date,
    policy: regionPolicySchema,
  }),
  findings: z.array(findingSchema),
  // No error finding: the plan may be submitted (when its status allows).
  canSubmit: z.boolean(),
  serviceDays: serviceDaysSchema,
  // B 五(三): every listed staff member on every planned day, in fen.
  laborCost: z.object({
    days: z.number().int(),
    staff: z.number().int(),
    classHoursTenthsPerStaff: z.number().int(),
    feePerStaffFen: z.number().int(),
    totalFen: z.number().int(),
  }),
  history: z.array(
    z.object({
      action: z.enum(['submit', 'return', 'approve', 'reopen']),
      comment: z.string().nullable(),
      revision: z.number().int(),
      at: timestamp,
      actorName: z.string().nullable(),
    }),
  ),
  notice: z.object({ version: z.number().int(), publishedAt: timestamp }).nullable(),
  // The grouping and duty rota saved for the term (src/domain/in-charge.ts): once saved, who is in
  // charge; the page's live check compares the plan with them.
  arrangement: arrangementSchema,
  // A submitted plan: the notice its approval would publish now (B 五(一), F-05), for the bureau to
  // confirm. Null in any other status.
  noticePreview: publicNoticeSchema.nullable(),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

// 2026-2027-1: the school year and the term (1 autumn, 2 spring).
export const termCode = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{4}-[12]$/, { message: '学期代码格式如 2026-2027-1 / Term code like 2026-2027-1' });

export const regionPlansQuery = z.strictObject({
  termCode: termCode.optional(),
  status: z.enum(['none', ...PLAN_STATUSES] as ['none', ...PlanStatus[]]).optional(),
});

export const regionPlanItemSchema = z.object({
  schoolId: z.uuid(),
  schoolCode: z.string(),
  schoolName: z.string(),
  regionId: z.uuid(),
  regionName: z.string(),
  termId: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  // "none": the school has no plan for the term (or no such term applies to it).
  status: z.enum(['none', ...PLAN_STATUSES] as ['none', ...PlanStatus[]]),
  revision: z.number().int().nullable(),
  updatedAt: timestamp.nullable(),
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  noticeVersion: z.number().int().nullable(),
});
export type RegionPlanItem = z.infer<typeof regionPlanItemSchema>;

export const regionPlansResponse = z.object({
  // The term shown: the one asked for, else the term in progress (or the next, or the last).
  termCode: z.string().nullable(),
  // That term as it applies in the region (the nearest region above with terms); null when no term
  // of that code applies there.
  term: z
    .object({ code: z.string(), name: z.string(), firstDay: z.iso.date(), lastDay: z.iso.date() })
    .nullable(),
  counts: z.object({
    none: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    approved: z.number().int(),
  }),
  items: z.array(regionPlanItemSchema),
});
