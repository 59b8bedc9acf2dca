// The school's term plan (一校一案, F-02) as data. B 六(五): 各校根据实际制定具体实施方案报市教育局审定.
// Checked against the region policy by `checkPlan` (plan-check.ts). Dates are ISO `YYYY-MM-DD`,
// times `HH:MM`, weekdays 1 = Monday … 7 = Sunday.

import { type IsoDate, isIsoDate, type Weekday } from './dates.js';
import { serviceStart } from './grouping-rules.js';
import type { Season } from './policy.js';

// One entry of the daily timetable. Sessions side by side (clubs in different rooms with different
// staff) may overlap in time; one room or one person may not be in two sessions at once.
export interface PlanSession {
  // Weekdays this session runs; absent: every weekday the plan serves.
  weekdays?: Weekday[];
  start: string;
  end: string;
  activity: string;
  // An ActivityCategory of the policy (B 三); a string because forms may send anything.
  category: string;
  // A SessionKind (policy.ts).
  kind: string;
  venueId: string;
  staffIds: string[];
}

// 弹性离校 (C 2): a departure batch at a time, in the seasons it runs (absent: both).
export interface DepartureBatch {
  name: string;
  time: string;
  seasons?: Season[];
}

// A 三.4: 学校设立符合安全要求的看护场所. An inspection that did not pass is not recorded here.
export interface SafetyInspection {
  passedOn: IsoDate;
  validUntil: IsoDate;
}

export interface PlanVenue {
  id: string;
  name: string;
  capacity: number;
  safetyInspection: SafetyInspection | null;
}

// A 三.1: 学校与看护工作人员签订岗位责任书.
export interface ResponsibilityLetter {
  signedOn: IsoDate;
  validUntil: IsoDate;
}

// B 五(三): 教师 (one per group) and 管理人员 (one per 90 children).
export type StaffRole = 'teacher' | 'manager';

export interface PlanStaff {
  id: string;
  name: string;
  role: StaffRole;
  responsibilityLetter: ResponsibilityLetter | null;
}

// A service group (编班) as far as the plan knows it: grade band, venue, teacher.
export interface PlanGroup {
  id: string;
  name: string;
  grades: number[];
  venueId?: string | null;
  teacherId?: string | null;
}

export interface EmergencyContact {
  name: string;
  role: string;
  phone: string;
}

// B 六(三): 要有效利用校方责任保险和学生意外伤害保险等.
export type InsuranceKind = 'school_liability' | 'student_accident';
export const INSURANCE_KINDS: Record<InsuranceKind, { zh: string; en: string }> = {
  school_liability: { zh: '校方责任保险', en: 'School liability insurance' },
  student_accident: { zh: '学生意外伤害保险', en: 'Student accident insurance' },
};

export interface InsurancePolicy {
  kind: InsuranceKind;
  insurer: string;
  number: string;
  coverFrom: IsoDate;
  coverTo: IsoDate;
}

export interface TermPlan {
  // 服务开始日期: the school's first service day. Absent or null: the region's unified start date (B 六(五)
  // 课后服务统一启动时间), or the term's first day when the region set none. Before the unified start
  // date it is a finding (plan-check.ts, days.before-unified-start).
  startsOn?: IsoDate | null;
  weekdays: Weekday[];
  timetable: PlanSession[];
  // The time service ends in each season (B 二 夏令时 / 非夏令时).
  endTimes: Record<Season, string>;
  departureBatches: DepartureBatch[];
  grades: number[];
  // 预计服务人数, for the staffing quota before anyone has enrolled.
  expectedStudents?: number | null;
  venues: PlanVenue[];
  staff: PlanStaff[];
  groups: PlanGroup[];
  // A 四 联系方式.
  emergencyContacts: EmergencyContact[];
  principalOfficePhone: string;
  insurance: InsurancePolicy[];
  // F-04 调休上班日: whether the plan serves the term's make-up working days, where the region's policy
  // lets the plan choose (RegionPolicy.makeUpWorkdays 'plan_chooses'); absent or null: the policy's
  // default. Under a fixed rule the choice does not count (`makeUpWorkdaysServed`).
  makeUpWorkdays?: 'served' | 'not_served' | null;
  // The weekday whose timetable and groups run on a served make-up working day (one of `weekdays`);
  // absent or null: not stated.
  makeUpTimetableWeekday?: 1 | 2 | 3 | 4 | 5 | null;
}

// Office phones as schools write them (0755-12345678, 020-1234567-801), mobiles and 400 numbers;
// spaces and a +86 before a mobile are ignored. The forms the server accepts for a school's phone.
export function isPhoneNumber(value: string): boolean {
  const compact = value.replace(/\s+/g, '').replace(/^\+?86-?(?=1)/, '');
  return /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$/.test(compact);
}

// The plan's first service day: the date it states (服务开始日期), else the service start of the term
// (B 六(五) 统一启动时间, grouping-rules.ts), kept within the term. A stated date before the unified
// start date is kept, so that the check reports it (days.before-unified-start).
export function planServiceStart(
  term: { firstDay: IsoDate; lastDay: IsoDate; unifiedStartDate?: IsoDate | null },
  plan: Pick<TermPlan, 'startsOn'>,
): IsoDate {
  const stated = plan.startsOn != null && isIsoDate(plan.startsOn) ? plan.startsOn : null;
  const start = stated ?? serviceStart({ ...term, unifiedStartDate: term.unifiedStartDate ?? null });
  // ISO dates compare as text.
  if (start < term.firstDay) return term.firstDay;
  if (start > term.lastDay) return term.lastDay;
  return start;
}
