// Shapes of the kehou REST API, inferred from the server's Zod schemas so that they cannot drift.
// Only `import type` of the server: Vite erases it, so neither zod nor server code reaches the
// bundle. Shapes whose schemas the server keeps private (queries, a few bodies) are written out
// here by hand.
import type { z } from 'zod';
import type { entrySchema } from '../../server/features/audit/schemas';
import type { changePasswordBody, loginBody, sessionResponse } from '../../server/features/auth/schemas';
import type { getRegionCalendar } from '../../server/features/calendar/use-cases';
import type { childSchema } from '../../server/features/guardian/routes';
import type { memberSchema } from '../../server/features/members/routes';
import type { NoServiceDayView } from '../../server/features/no-service-days/schemas';
import type { publicNoticeSchema } from '../../server/features/notice/schemas';
import type {
  findingSchema,
  planDetailSchema,
  planListItemSchema,
  regionPlanItemSchema,
  regionPlansResponse,
} from '../../server/features/plans/schemas';
import type {
  createPolicyVersionBody,
  policyVersionSchema,
  regionPolicyResponse,
} from '../../server/features/policy/schemas';
import type { regionSchema } from '../../server/features/regions/routes';
import type {
  createSchoolBody,
  schoolSchema,
  schoolTypeSchema,
  updateSchoolBody,
} from '../../server/features/schools/schemas';
import type { studentSchema } from '../../server/features/students/routes';
import type { termSchema } from '../../server/features/terms/routes';
import type { STAFF_ROLES as SERVER_STAFF_ROLES } from '../../server/policies/policy';
import type { roleSchema } from '../../server/schemas';

// ---- responses ----

export type Session = z.infer<typeof sessionResponse>;
export type SessionUser = Session['user'];
export type Membership = Session['memberships'][number];
export type Region = z.infer<typeof regionSchema>;
export type School = z.infer<typeof schoolSchema>;
/** `phone` is masked by the server, like 138****1234. */
export type Member = z.infer<typeof memberSchema>;
export type Student = z.infer<typeof studentSchema>;
export type Child = z.infer<typeof childSchema>;
export type AuditEntry = z.infer<typeof entrySchema>;
/** F-01: the versions that apply to a region (its own or inherited), the one in force, the models' defaults. */
export type RegionPolicyView = z.infer<typeof regionPolicyResponse>;
export type PolicyVersion = z.infer<typeof policyVersionSchema>;
export type Term = z.infer<typeof termSchema>;
/** F-04: a region's calendar entries for a year and the provisional statutory holidays to confirm. */
export type RegionCalendar = Awaited<ReturnType<typeof getRegionCalendar>>;
export type CalendarEntry = RegionCalendar['overrides'][number];
/** An official holiday or make-up working day of the year, from the holiday package (read-only). */
export type OfficialCalendarDay = RegionCalendar['official'][number];
/** F-02: a plan with its findings, service days, the policy version used, projected cost and history. */
export type PlanDetail = z.infer<typeof planDetailSchema>;
export type PlanListItem = z.infer<typeof planListItemSchema>;
export type PlanStatus = PlanDetail['status'];
export type PlanFinding = z.infer<typeof findingSchema>;
export type PlanHistoryEntry = PlanDetail['history'][number];
export type ServiceDaySummary = PlanDetail['serviceDays'];
/** The bureau's list: every school of the region with its plan status for a term ("none": no plan). */
export type RegionPlans = z.infer<typeof regionPlansResponse>;
export type RegionPlanItem = z.infer<typeof regionPlanItemSchema>;
export type RegionPlanStatus = RegionPlanItem['status'];
export type NoServiceDay = NoServiceDayView;
/** F-05: what anyone may read without login. */
export type PublicNotice = z.infer<typeof publicNoticeSchema>;

export interface SetupStatus {
  needed: boolean;
}

export interface ItemList<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- codes ----

export type Role = z.infer<typeof roleSchema>;
export type StaffRole = (typeof SERVER_STAFF_ROLES)[number];
export type SchoolType = z.infer<typeof schoolTypeSchema>;
export type RegionLevel = Region['level'];
export type Gender = Student['gender'];

/**
 * The members of a code type, in the order given, for lists the UI shows. The record must name
 * every member and nothing else, so the compiler keeps the list in step with the server's enum.
 */
function allOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

/** Roles a school administrator may give to a staff account. */
export const STAFF_ROLES = allOf<StaffRole>({
  school_admin: true,
  care_teacher: true,
  duty_chief: true,
  gate_guard: true,
});

export const SCHOOL_TYPES = allOf<SchoolType>({ primary: true, junior_middle: true, nine_year: true });

export const REGION_LEVELS = allOf<RegionLevel>({ province: true, city: true, county: true });

export const REGION_PLAN_STATUSES = allOf<RegionPlanStatus>({
  none: true,
  draft: true,
  submitted: true,
  returned: true,
  approved: true,
});

// ---- requests ----

export type LoginInput = z.input<typeof loginBody>;
export type ChangePasswordInput = z.input<typeof changePasswordBody>;
export type CreateSchoolInput = z.input<typeof createSchoolBody>;
export type UpdateSchoolInput = z.input<typeof updateSchoolBody>;
export type PublishPolicyInput = z.input<typeof createPolicyVersionBody>;

export interface TermInput {
  code: string;
  name: string;
  firstDay: string;
  lastDay: string;
  unifiedStartDate: string | null;
}

export type TermChange = Partial<Omit<TermInput, 'code'>>;

export interface RegionPlansQuery {
  termCode?: string;
  status?: RegionPlanStatus;
}

export interface CalendarEntryInput {
  kind: CalendarEntry['kind'];
  name: string;
  confirmed: boolean;
}

export interface CreateMemberInput {
  username: string;
  displayName: string;
  phone?: string;
  role: StaffRole;
  password: string;
}

export interface SetupInput {
  token: string;
  region: { name: string; code: string; level: RegionLevel };
  admin: { username: string; displayName: string; phone?: string; password: string };
}

export interface StudentQuery {
  q?: string;
  grade?: number;
  page: number;
  pageSize: number;
}

export interface AuditQuery {
  schoolId?: string;
  action?: string;
  /** YYYY-MM-DD, a date in Asia/Shanghai. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}
