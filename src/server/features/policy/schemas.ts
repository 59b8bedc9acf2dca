import { z } from 'zod';
import {
  ACTIVITY_CATEGORIES,
  type ActivityCategory,
  FUND_CATEGORIES,
  type FundCategory,
  type RegionPolicy,
  SESSION_KINDS,
  type SessionKind,
} from '../../../domain/policy.js';
import { multilineText } from '../../schemas.js';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式为 HH:MM / Time as HH:MM' });
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, { message: '日期格式为 MM-DD / Date as MM-DD' });
const whole = z.number().int();
const keys = <T extends string>(record: Record<T, unknown>) => Object.keys(record) as [T, ...T[]];

// The shape of a RegionPolicy (src/domain/policy.ts); `validatePolicy` then checks the values and
// names the field of each problem.
export const regionPolicySchema = z.strictObject({
  model: z.enum(['pilot-4', '5+2']),
  daysPerWeek: whole,
  servedGrades: z.array(whole).max(9),
  classHourMinutes: z.strictObject({ primary: whole, juniorMiddle: whole }),
  minClassHoursPerDayTenths: whole,
  summerSeason: z.strictObject({ from: monthDay, to: monthDay }),
  endTimes: z.strictObject({ summer: time, other: time }),
  offWorkTimes: z.strictObject({ summer: time, other: time }),
  endAfterOffWorkMinutes: whole,
  staffing: z.strictObject({
    studentsPerTeacher: whole,
    teacherRounding: z.enum(['floor', 'ceil']),
    studentsPerManager: whole,
    managerRounding: z.enum(['floor', 'ceil']),
  }),
  feePerClassHourFen: whole,
  feeClassHoursPerDayTenths: whole,
  activityCategories: z.array(z.enum(keys<ActivityCategory>(ACTIVITY_CATEGORIES))).max(20),
  forbiddenKinds: z.array(z.enum(keys<SessionKind>(SESSION_KINDS))).max(20),
  fundCategories: z.array(z.enum(keys<FundCategory>(FUND_CATEGORIES))).max(20),
  absenceFollowUpLimitMinutes: whole,
  pickupGraceMinutes: whole,
  staffWeeklyLimitMinutes: whole,
  makeUpWorkdays: z.strictObject({
    rule: z.enum(['served', 'not_served', 'plan_chooses']),
    byDefault: z.enum(['served', 'not_served']),
  }),
  // The lowest grade whose children may leave alone (issue 14.10).
  leaveAloneMinGrade: whole,
}) satisfies z.ZodType<RegionPolicy>;

export const policyVersionSchema = z.object({
  versionId: z.uuid(),
  version: z.number().int(),
  effectiveFrom: z.iso.date(),
  policy: regionPolicySchema,
  note: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  createdByName: z.string().nullable(),
  changes: z.array(
    z.object({
      field: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      previous: z.unknown(),
      next: z.unknown(),
    }),
  ),
});
export type PolicyVersionView = z.infer<typeof policyVersionSchema>;

export const regionPolicyResponse = z.object({
  regionId: z.uuid(),
  // The region whose versions apply: this one, or the nearest one above that has any (null: none yet).
  sourceRegionId: z.uuid().nullable(),
  sourceRegionName: z.string().nullable(),
  versions: z.array(policyVersionSchema),
  inForce: policyVersionSchema.nullable(),
  earliestEffectiveFrom: z
    .string()
    .describe('YYYY-MM-DD: the earliest effective date this user may give a new version'),
  defaults: z.object({ 'pilot-4': regionPolicySchema, '5+2': regionPolicySchema }),
});

export const createPolicyVersionBody = z.strictObject({
  effectiveFrom: z.iso.date(),
  policy: regionPolicySchema,
  note: multilineText(500).nullable().optional(),
});
