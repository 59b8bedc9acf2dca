// Region policy (一县一策, F-01): the numbers a bureau sets for its schools, as data with the seeds'
// values as defaults. Seeds: A 校内课后服务工作方案安全预案, B 小学"课后服务"工作实施方案(试行),
// C 2024年5+2课后服务实施方案 (../../shared/seeds/after-school-service-plans.zh.txt). Pure: no I/O.
// Times of day are `HH:MM` as the bureau types them; computations use minutes since midnight.

import { addDays, type IsoDate, isIsoDate, type Minutes, monthDay, parseTime } from './dates.js';

export type ServiceModel = 'pilot-4' | '5+2';
export const SERVICE_MODELS: readonly ServiceModel[] = ['pilot-4', '5+2'];

// 夏令时 / 非夏令时 — the two seasons of B 二.
export type Season = 'summer' | 'other';
export const SEASONS: readonly Season[] = ['summer', 'other'];

export type QuotaRounding = 'floor' | 'ceil';

// B 三: 通过组织学生自主阅读、完成作业、个别辅导，开展体育、美育、科技等多形式活动; 综合实践课程、
// 校本课程建设 (practice, clubs).
export type ActivityCategory =
  | 'reading'
  | 'homework'
  | 'individual_guidance'
  | 'sports'
  | 'arts'
  | 'science_technology'
  | 'practice'
  | 'clubs';

export const ACTIVITY_CATEGORIES: Record<ActivityCategory, { zh: string; en: string }> = {
  reading: { zh: '自主阅读', en: 'Reading' },
  homework: { zh: '完成作业', en: 'Homework' },
  individual_guidance: { zh: '个别辅导', en: 'Individual guidance' },
  sports: { zh: '体育', en: 'Sports' },
  arts: { zh: '美育', en: 'Arts' },
  science_technology: { zh: '科技', en: 'Science and technology' },
  practice: { zh: '综合实践', en: 'Practice' },
  clubs: { zh: '社团活动', en: 'Clubs' },
};

// What a session does. The last two are what B forbids: B 三 坚决防止将课后服务变相为集体补课或上课;
// B 六(二) 严禁组织或变相组织集体教学或"补课".
export type SessionKind =
  | 'supervised_study'
  | 'guidance'
  | 'activity'
  | 'collective_tutoring'
  | 'new_lesson_teaching';

export const SESSION_KINDS: Record<SessionKind, { zh: string; en: string }> = {
  supervised_study: { zh: '看护自习', en: 'Supervised study' },
  guidance: { zh: '答疑辅导', en: 'Guidance' },
  activity: { zh: '活动', en: 'Activity' },
  collective_tutoring: { zh: '集体补课', en: 'Collective tutoring' },
  new_lesson_teaching: { zh: '新课教学', en: 'New-lesson teaching' },
};

// B 六(二)/B 三: a region may forbid more kinds, never fewer than these.
export const ALWAYS_FORBIDDEN_KINDS: readonly SessionKind[] = ['collective_tutoring', 'new_lesson_teaching'];

// B 六(四): 课后服务专项补助资金主要用于开展活动的基础设施维护更新和参与课后服务教师的合理酬劳.
export type FundCategory = 'facility_maintenance' | 'staff_remuneration';

export const FUND_CATEGORIES: Record<FundCategory, { zh: string; en: string }> = {
  facility_maintenance: { zh: '活动基础设施维护更新', en: 'Facility maintenance and renewal' },
  staff_remuneration: { zh: '参与教师合理酬劳', en: 'Staff remuneration' },
};

export interface StaffingRatios {
  // B 五(三): 按每班30名以上学生配1名教师 — 'floor': one teacher per full 30 (groups of at least 30),
  // at least one when anyone is enrolled; 'ceil': groups of at most the ratio.
  studentsPerTeacher: number;
  teacherRounding: QuotaRounding;
  // B 五(三): 每90名学生加配1名管理人员 — 'floor': one per full 90.
  studentsPerManager: number;
  managerRounding: QuotaRounding;
}

export interface RegionPolicy {
  model: ServiceModel;
  // B 二: 每周四个下午; C 1: 学校每周5天都要开展课后服务.
  daysPerWeek: number;
  // B 一: 服务对象为1-2年级; C: 有需求的学生全覆盖 (grades 1–9).
  servedGrades: number[];
  // Not in the seeds: the national curriculum's lesson lengths, 小学每课时40分钟, 初中45分钟.
  classHourMinutes: { primary: number; juniorMiddle: number };
  // Minimum class hours each afternoon, in tenths (15 = 1.5): B 五(三) 每天计1.5课时; C 1 每天至少开展2个学时.
  minClassHoursPerDayTenths: number;
  // B 二 夏令时: the season as `MM-DD` to `MM-DD`, both included, within one calendar year.
  summerSeason: { from: string; to: string };
  // pilot-4 end times, B 二: 夏令时课后延时服务结束时间为18:00，非夏令时…为17:30.
  endTimes: Record<Season, string>;
  // 5+2 end rule, C 1: 结束时间原则上不早于当地普遍的正常下班时间后半小时.
  offWorkTimes: Record<Season, string>;
  endAfterOffWorkMinutes: number;
  staffing: StaffingRatios;
  // B 五(三): 每课时劳务费50元 (fen).
  feePerClassHourFen: number;
  // B 五(三): 每天计1.5课时 (tenths).
  feeClassHoursPerDayTenths: number;
  activityCategories: ActivityCategory[];
  forbiddenKinds: SessionKind[];
  fundCategories: FundCategory[];
  // A 三.5: 未到时及时了解情况 — how long an absence may stay without follow-up before it escalates.
  absenceFollowUpLimitMinutes: number;
  // F-14: minutes after the end time before an uncollected child moves to extended custody.
  pickupGraceMinutes: number;
  // F-10: the most after-school service a week one person may be put on the rota for (minutes, in the
  // non-summer season). Not in the seeds: B 五(三) only counts the pay (每周4天，每天计1.5课时) and keeps
  // it out of teaching workload (课后服务不计入教师教学工作量). The platform's default, which the
  // region sets (STAFF_WEEKLY_LIMIT_SOURCE).
  staffWeeklyLimitMinutes: number;
  // F-04 调休上班日 (a Saturday or Sunday made a working day): whether they are service days, and
  // whether a school's plan may choose otherwise (`TermPlan.makeUpWorkdays`). See `makeUpWorkdaysServed`.
  makeUpWorkdays: MakeUpWorkdaysPolicy;
  // F-06/F-13 may leave alone (可自行离校): the lowest grade whose guardian may state that the child
  // leaves school alone; below it a child is collected by a pickup person. Not in the seeds (A 三.2
  // 以学生安全为出发点; C 2 弹性离校 says nothing of leaving alone): the platform's default, which the
  // region sets (LEAVE_ALONE_MIN_GRADE_SOURCE). See `leaveAloneAllowed` in enrollment.ts.
  leaveAloneMinGrade: number;
}

// 'served' / 'not_served': the region fixes it (必须服务 / 不服务); 'plan_chooses': each plan says,
// and a plan that says nothing takes `byDefault`.
export interface MakeUpWorkdaysPolicy {
  rule: 'served' | 'not_served' | 'plan_chooses';
  // Only read under 'plan_chooses'.
  byDefault: 'served' | 'not_served';
}
export const MAKE_UP_RULES: readonly MakeUpWorkdaysPolicy['rule'][] = [
  'served',
  'not_served',
  'plan_chooses',
];

// 8 hours a week: every afternoon of a four-afternoon week (B 二) at up to two hours. Not in the seeds.
export const DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES = 8 * 60;
export const STAFF_WEEKLY_LIMIT_SOURCE = 'platform' as const;

// Grade 3: grades 1–2, the pilot's grades (B 一), are collected. Not in the seeds.
export const DEFAULT_LEAVE_ALONE_MIN_GRADE = 3;
export const LEAVE_ALONE_MIN_GRADE_SOURCE = 'platform' as const;

const ALL_CATEGORIES = Object.keys(ACTIVITY_CATEGORIES) as ActivityCategory[];

function basePolicy(): Omit<
  RegionPolicy,
  'model' | 'daysPerWeek' | 'servedGrades' | 'minClassHoursPerDayTenths' | 'makeUpWorkdays'
> {
  return {
    classHourMinutes: { primary: 40, juniorMiddle: 45 },
    summerSeason: { from: '05-01', to: '09-30' },
    endTimes: { summer: '18:00', other: '17:30' }, // B 二
    offWorkTimes: { summer: '17:30', other: '17:30' }, // not in the seeds: the region sets its own
    endAfterOffWorkMinutes: 30, // C 1: 下班时间后半小时
    staffing: {
      studentsPerTeacher: 30,
      teacherRounding: 'floor',
      studentsPerManager: 90,
      managerRounding: 'floor',
    },
    feePerClassHourFen: 5_000, // B 五(三): 每课时劳务费50元
    feeClassHoursPerDayTenths: 15, // B 五(三): 每天计1.5课时
    activityCategories: [...ALL_CATEGORIES],
    forbiddenKinds: [...ALWAYS_FORBIDDEN_KINDS],
    fundCategories: ['facility_maintenance', 'staff_remuneration'],
    absenceFollowUpLimitMinutes: 30, // not in the seeds (A 三.5 says 及时)
    pickupGraceMinutes: 15, // not in the seeds
    staffWeeklyLimitMinutes: DEFAULT_STAFF_WEEKLY_LIMIT_MINUTES, // not in the seeds: the platform's
    leaveAloneMinGrade: DEFAULT_LEAVE_ALONE_MIN_GRADE, // not in the seeds: the platform's
  };
}

// A fresh copy of a built-in model's defaults (callers may change it).
export function defaultPolicy(model: ServiceModel): RegionPolicy {
  if (model === 'pilot-4') {
    return {
      model,
      daysPerWeek: 4, // B 二: 每周四个下午
      servedGrades: [1, 2], // B 一: 服务对象为1-2年级
      minClassHoursPerDayTenths: 15, // B 五(三): 每天计1.5课时
      ...basePolicy(),
      // B 二: 每周四个下午 — the school picks its afternoons, so a make-up Saturday is not served unless
      // the plan says so.
      makeUpWorkdays: { rule: 'plan_chooses', byDefault: 'not_served' },
    };
  }
  return {
    model,
    daysPerWeek: 5, // C 1: 学校每周5天都要开展课后服务
    servedGrades: [1, 2, 3, 4, 5, 6, 7, 8, 9], // C: 义务教育学校全覆盖、有需求的学生全覆盖
    minClassHoursPerDayTenths: 20, // C 1: 下午课后服务每天至少开展2个学时
    ...basePolicy(),
    // C says nothing of fees; B's 50 yuan a class hour paid for C's 2 class hours a day.
    feeClassHoursPerDayTenths: 20,
    // C 1: 学校每周5天都要开展课后服务 — a make-up working day is a school day, so it is served.
    makeUpWorkdays: { rule: 'served', byDefault: 'served' },
  };
}

// A policy as stored (JSONB written by any earlier version of the platform) with every field: a field
// added after the row was written takes the model's default. Every read of a stored policy goes
// through here, so old rows need no migration.
export function normalizePolicy(stored: RegionPolicy): RegionPolicy {
  const partial = stored as Partial<RegionPolicy> & Pick<RegionPolicy, 'model'>;
  const defaults = defaultPolicy(SERVICE_MODELS.includes(partial.model) ? partial.model : 'pilot-4');
  return {
    ...stored,
    staffWeeklyLimitMinutes: partial.staffWeeklyLimitMinutes ?? defaults.staffWeeklyLimitMinutes,
    makeUpWorkdays: partial.makeUpWorkdays ?? defaults.makeUpWorkdays,
    leaveAloneMinGrade: partial.leaveAloneMinGrade ?? defaults.leaveAloneMinGrade,
  };
}

// Whether the make-up working days of a plan's term are served (F-04 调休上班日): the region's fixed
// rule, or under 'plan_chooses' the plan's choice, else the region's default. `fixed` says the plan's
// choice does not count (a form shows the option disabled; a choice against it is a finding).
export function makeUpWorkdaysServed(
  policy: Pick<RegionPolicy, 'makeUpWorkdays'>,
  planChoice: 'served' | 'not_served' | null | undefined,
): { served: boolean; fixed: boolean } {
  const { rule, byDefault } = policy.makeUpWorkdays;
  if (rule !== 'plan_chooses') return { served: rule === 'served', fixed: true };
  return { served: (planChoice ?? byDefault) === 'served', fixed: false };
}

// The season of a date under the region's summer-time dates (B 二 夏令时).
// The one season rule: calendar.ts's `seasonOf` (service days) asks this too. A season may run over
// the year's end (from > to, e.g. 11-01 to 02-28).
export function seasonOn(policy: Pick<RegionPolicy, 'summerSeason'>, date: IsoDate): Season {
  const md = monthDay(date);
  const { from, to } = policy.summerSeason;
  const inSeason = from <= to ? md >= from && md <= to : md >= from || md <= to;
  return inSeason ? 'summer' : 'other';
}

// The first day on or after `date` that is in `season` (B 二 夏令时/非夏令时): when the other season's
// times start, for a guardian choosing a departure batch now. Same dates as `seasonOn`.
export function seasonStartFrom(
  policy: Pick<RegionPolicy, 'summerSeason'>,
  season: Season,
  date: IsoDate,
): IsoDate {
  if (seasonOn(policy, date) === season) return date;
  const year = Number(date.slice(0, 4));
  const md = monthDay(date);
  const { from, to } = policy.summerSeason;
  if (season === 'summer') return `${md < from ? year : year + 1}-${from}`;
  // The day after summer time ends: this year's end, or next year's for a season over the year's end.
  return addDays(`${md <= to ? year : year + 1}-${to}`, 1);
}

// The earliest time service may end on a day of the season.
export function requiredEndTime(
  policy: Pick<RegionPolicy, 'model' | 'endTimes' | 'offWorkTimes' | 'endAfterOffWorkMinutes'>,
  season: Season,
): Minutes {
  // B 二: 夏令时…结束时间为18:00，非夏令时…为17:30.
  if (policy.model === 'pilot-4') return parseTime(policy.endTimes[season]);
  // C 1: 下午课后服务结束时间原则上不早于当地普遍的正常下班时间后半小时.
  return parseTime(policy.offWorkTimes[season]) + policy.endAfterOffWorkMinutes;
}

// The class-hour length for the grades a plan serves: the longer one when it spans both stages, so
// that every child gets the full minimum.
export function classHourMinutesFor(
  policy: Pick<RegionPolicy, 'classHourMinutes'>,
  grades: readonly number[],
) {
  const primary = grades.some((g) => g <= 6);
  const junior = grades.some((g) => g >= 7);
  if (junior && primary)
    return Math.max(policy.classHourMinutes.primary, policy.classHourMinutes.juniorMiddle);
  return junior ? policy.classHourMinutes.juniorMiddle : policy.classHourMinutes.primary;
}

// 1.5, 2 — class hours kept in tenths shown as people write them.
export function formatTenths(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}`;
}

// ---------------------------------------------------------------------------------------------
// Fields: one label per parameter, shared by the validation messages and the change list.

export type PolicyField =
  | 'model'
  | 'daysPerWeek'
  | 'servedGrades'
  | 'classHourMinutes.primary'
  | 'classHourMinutes.juniorMiddle'
  | 'minClassHoursPerDayTenths'
  | 'summerSeason.from'
  | 'summerSeason.to'
  | 'endTimes.summer'
  | 'endTimes.other'
  | 'offWorkTimes.summer'
  | 'offWorkTimes.other'
  | 'endAfterOffWorkMinutes'
  | 'staffing.studentsPerTeacher'
  | 'staffing.teacherRounding'
  | 'staffing.studentsPerManager'
  | 'staffing.managerRounding'
  | 'feePerClassHourFen'
  | 'feeClassHoursPerDayTenths'
  | 'activityCategories'
  | 'forbiddenKinds'
  | 'fundCategories'
  | 'absenceFollowUpLimitMinutes'
  | 'pickupGraceMinutes'
  | 'staffWeeklyLimitMinutes'
  | 'makeUpWorkdays.rule'
  | 'makeUpWorkdays.byDefault'
  | 'leaveAloneMinGrade';

export const POLICY_FIELDS: Record<PolicyField, { zh: string; en: string }> = {
  model: { zh: '服务模式', en: 'Service model' },
  daysPerWeek: { zh: '每周服务天数', en: 'Service days a week' },
  servedGrades: { zh: '服务年级', en: 'Grades served' },
  'classHourMinutes.primary': { zh: '小学每课时分钟数', en: 'Class-hour length, primary (minutes)' },
  'classHourMinutes.juniorMiddle': {
    zh: '初中每课时分钟数',
    en: 'Class-hour length, junior middle (minutes)',
  },
  minClassHoursPerDayTenths: { zh: '每天最少课时', en: 'Minimum class hours a day' },
  'summerSeason.from': { zh: '夏令时开始日期', en: 'Summer time from' },
  'summerSeason.to': { zh: '夏令时结束日期', en: 'Summer time to' },
  'endTimes.summer': { zh: '夏令时结束时间', en: 'End time, summer time' },
  'endTimes.other': { zh: '非夏令时结束时间', en: 'End time, other season' },
  'offWorkTimes.summer': { zh: '夏令时当地下班时间', en: 'Local off-work time, summer time' },
  'offWorkTimes.other': { zh: '非夏令时当地下班时间', en: 'Local off-work time, other season' },
  endAfterOffWorkMinutes: { zh: '下班后延后分钟数', en: 'Minutes after off-work time' },
  'staffing.studentsPerTeacher': { zh: '每名教师对应学生数', en: 'Students per teacher' },
  'staffing.teacherRounding': { zh: '教师配备取整方式', en: 'Teacher quota rounding' },
  'staffing.studentsPerManager': { zh: '每名管理人员对应学生数', en: 'Students per manager' },
  'staffing.managerRounding': { zh: '管理人员配备取整方式', en: 'Manager quota rounding' },
  feePerClassHourFen: { zh: '每课时劳务费（分）', en: 'Fee per class hour (fen)' },
  feeClassHoursPerDayTenths: { zh: '每天计劳务费课时', en: 'Class hours a day counted for fees' },
  activityCategories: { zh: '允许的活动类别', en: 'Allowed activity categories' },
  forbiddenKinds: { zh: '禁止的活动形式', en: 'Forbidden kinds' },
  fundCategories: { zh: '专项资金支出类别', en: 'Allowed fund categories' },
  absenceFollowUpLimitMinutes: { zh: '缺勤跟进时限（分钟）', en: 'Absence follow-up limit (minutes)' },
  pickupGraceMinutes: { zh: '接送宽限（分钟）', en: 'Pickup grace (minutes)' },
  staffWeeklyLimitMinutes: {
    zh: '每人每周服务时长上限（分钟）',
    en: 'Service a week per person, limit (minutes)',
  },
  'makeUpWorkdays.rule': { zh: '调休上班日是否服务', en: 'Make-up working days served' },
  'makeUpWorkdays.byDefault': {
    zh: '调休上班日（由方案选择时的默认）',
    en: 'Make-up working days, default when the plan chooses',
  },
  leaveAloneMinGrade: { zh: '可自行离校的最低年级', en: 'Lowest grade that may leave alone' },
};

export const POLICY_FIELD_PATHS = Object.keys(POLICY_FIELDS) as PolicyField[];

export type PolicyValue = string | number | readonly (string | number)[] | undefined;

export function policyValue(policy: RegionPolicy, field: PolicyField): PolicyValue {
  let value: unknown = policy;
  for (const key of field.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value as PolicyValue;
}

// ---------------------------------------------------------------------------------------------
// Validation: each problem names its field, with a message in Chinese and English.

export interface PolicyProblem {
  field: PolicyField;
  message: { zh: string; en: string };
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isMonthDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = MONTH_DAY.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

function timeOrNull(value: unknown): Minutes | null {
  if (typeof value !== 'string') return null;
  try {
    return parseTime(value);
  } catch {
    return null;
  }
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function validatePolicy(policy: RegionPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (field: PolicyField, zh: string, en: string) => {
    const label = POLICY_FIELDS[field];
    problems.push({ field, message: { zh: `${label.zh}：${zh}`, en: `${label.en}: ${en}` } });
  };
  const integer = (field: PolicyField, min: number, max: number) => {
    if (!isIntegerIn(policyValue(policy, field), min, max))
      add(field, `须为 ${min}–${max} 之间的整数`, `must be a whole number from ${min} to ${max}`);
  };
  const time = (field: PolicyField) => {
    if (timeOrNull(policyValue(policy, field)) === null)
      add(field, '须为一天之内的时间（00:00–23:59）', 'must be a time within the day (00:00–23:59)');
  };
  const list = <T extends string>(field: PolicyField, known: readonly T[]) => {
    const value = policyValue(policy, field);
    if (!Array.isArray(value) || value.length === 0) return add(field, '至少选择一项', 'choose at least one');
    if (value.some((v) => !known.includes(v as T)))
      add(field, '含有未知的类别', 'contains an unknown category');
    else if (new Set(value).size !== value.length) add(field, '有重复项', 'lists an entry twice');
  };

  if (!SERVICE_MODELS.includes(policy.model)) add('model', '须为 pilot-4 或 5+2', 'must be pilot-4 or 5+2');
  integer('daysPerWeek', 1, 5); // 上学日 Monday to Friday
  const grades = policy.servedGrades as unknown;
  if (!Array.isArray(grades) || grades.length === 0)
    add('servedGrades', '至少选择一个年级', 'choose at least one grade');
  else if (grades.some((g) => !isIntegerIn(g, 1, 9)))
    add('servedGrades', '年级须为 1–9', 'grades are 1 to 9');
  else if (new Set(grades).size !== grades.length) add('servedGrades', '年级重复', 'a grade is listed twice');
  integer('classHourMinutes.primary', 1, 90);
  integer('classHourMinutes.juniorMiddle', 1, 90);
  integer('minClassHoursPerDayTenths', 1, 100);

  const from = policy.summerSeason?.from;
  const to = policy.summerSeason?.to;
  if (!isMonthDay(from)) add('summerSeason.from', '须为 MM-DD 格式的日期', 'must be a date MM-DD');
  if (!isMonthDay(to)) add('summerSeason.to', '须为 MM-DD 格式的日期', 'must be a date MM-DD');
  if (isMonthDay(from) && isMonthDay(to) && from > to)
    add('summerSeason.to', '不能早于夏令时开始日期', 'must not be before the start of summer time');

  for (const season of SEASONS) {
    time(`endTimes.${season}`);
    time(`offWorkTimes.${season}`);
  }
  integer('endAfterOffWorkMinutes', 0, 240);
  for (const season of SEASONS) {
    const offWork = timeOrNull(policyValue(policy, `offWorkTimes.${season}`));
    const after = policy.endAfterOffWorkMinutes;
    if (offWork !== null && isIntegerIn(after, 0, 240) && offWork + after >= 24 * 60)
      add('endAfterOffWorkMinutes', '下班时间加上它超出了当天', 'off-work time plus it passes midnight');
  }

  integer('staffing.studentsPerTeacher', 1, 1000);
  integer('staffing.studentsPerManager', 1, 10_000);
  for (const field of ['staffing.teacherRounding', 'staffing.managerRounding'] as const) {
    const v = policyValue(policy, field);
    if (v !== 'floor' && v !== 'ceil') add(field, '须为 floor 或 ceil', 'must be floor or ceil');
  }
  integer('feePerClassHourFen', 0, 10_000_000);
  integer('feeClassHoursPerDayTenths', 0, 100);

  list('activityCategories', ALL_CATEGORIES);
  list('forbiddenKinds', Object.keys(SESSION_KINDS) as SessionKind[]);
  const forbidden = policy.forbiddenKinds as unknown;
  if (Array.isArray(forbidden) && ALWAYS_FORBIDDEN_KINDS.some((k) => !forbidden.includes(k)))
    // B 六(二): 严禁组织或变相组织集体教学或"补课".
    add(
      'forbiddenKinds',
      '须包含集体补课和新课教学（B 六(二)）',
      'must include collective tutoring and new-lesson teaching (B 六(二))',
    );
  list('fundCategories', Object.keys(FUND_CATEGORIES) as FundCategory[]);
  integer('absenceFollowUpLimitMinutes', 1, 24 * 60);
  integer('pickupGraceMinutes', 0, 240);
  // At least an hour, at most every afternoon of a week until midnight.
  integer('staffWeeklyLimitMinutes', 60, 7 * 12 * 60);
  if (!MAKE_UP_RULES.includes(policy.makeUpWorkdays?.rule))
    add(
      'makeUpWorkdays.rule',
      '须为 served、not_served 或 plan_chooses',
      'must be served, not_served or plan_chooses',
    );
  const byDefault = policy.makeUpWorkdays?.byDefault as unknown;
  if (byDefault !== 'served' && byDefault !== 'not_served')
    add('makeUpWorkdays.byDefault', '须为 served 或 not_served', 'must be served or not_served');
  // 10: no grade of the nine (义务教育 1–9) may leave alone.
  integer('leaveAloneMinGrade', 1, 10);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Versions: a change makes a new version from a date; a term keeps the version in force on its
// first day (F-01).

export interface PolicyVersion {
  version: number;
  effectiveFrom: IsoDate;
  policy: RegionPolicy;
}

// The earliest date a new policy version may take effect. Past days keep the rules they ran under, so
// a version takes effect today or later (F-01 版本化) — except where no rules were ever the region's
// own: a county that joins in the middle of a term (its FIRST version), or a version its parent bureau
// publishes for it (C: 市级统筹, 一县一策 under the city), may take effect from the first day of the
// term in force, so that the term's plans (B 六(五) 一校一案) can be made at all. Audited by the caller.
export function earliestEffectiveDate(options: {
  today: IsoDate;
  firstOwnVersion: boolean;
  byParentBureau: boolean;
  termInForce: { firstDay: IsoDate } | null;
}): IsoDate {
  const { today, termInForce } = options;
  if (!isIsoDate(today)) throw new RangeError(`not an ISO date: ${today}`);
  if ((options.firstOwnVersion || options.byParentBureau) && termInForce && termInForce.firstDay < today) {
    return termInForce.firstDay;
  }
  return today;
}

// The version in force on a date: the latest effective date not after it (the higher version
// number when two share a date), or null before the first one.
export function policyInForce<V extends PolicyVersion>(versions: readonly V[], date: IsoDate): V | null {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    )
      best = v;
  }
  return best;
}

export interface PolicyChange {
  field: PolicyField;
  label: { zh: string; en: string };
  previous: PolicyValue;
  next: PolicyValue;
}

function comparable(value: PolicyValue): PolicyValue {
  // Lists are sets: order does not change a policy.
  if (!Array.isArray(value)) return value;
  return [...value].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
}

// The parameters that differ, in form order (what the bureau's form shows as changed).
export function policyChanges(previous: RegionPolicy, next: RegionPolicy): PolicyChange[] {
  const changes: PolicyChange[] = [];
  for (const field of POLICY_FIELD_PATHS) {
    const a = comparable(policyValue(previous, field));
    const b = comparable(policyValue(next, field));
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes.push({ field, label: POLICY_FIELDS[field], previous: a, next: b });
  }
  return changes;
}
