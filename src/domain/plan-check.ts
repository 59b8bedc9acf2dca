// Compliance check of a term plan against the region policy (F-03). Pure: (policy, plan, context) →
// findings. An error blocks submission; a warning is shown and does not. Every rule names the seed
// clause it enforces; the table in docs/domain-rules.md lists them (a test keeps the two in step).
// The policy is expected to have passed validatePolicy.

import {
  chineseDate,
  formatTime,
  type IsoDate,
  isIsoDate,
  type Minutes,
  parseTime,
  type Weekday,
} from './dates.js';
import { arrangementDisagreements, type SavedArrangement } from './in-charge.js';
import type { DepartureBatch, InsuranceKind, PlanSession, TermPlan } from './plan.js';
import { INSURANCE_KINDS, isPhoneNumber } from './plan.js';
import {
  ACTIVITY_CATEGORIES,
  classHourMinutesFor,
  formatTenths,
  type RegionPolicy,
  requiredEndTime,
  SEASONS,
  SESSION_KINDS,
  type Season,
} from './policy.js';
import { GRADE_RANGE, type SchoolType } from './school.js';
import { staffingQuota } from './staffing-quota.js';

export type Severity = 'error' | 'warning';

export interface ServiceDay {
  date: IsoDate;
  weekday: Weekday;
  season: Season;
}

export interface PlanCheckContext {
  // The planned service days of the term (from the calendar, F-04).
  serviceDays: readonly ServiceDay[];
  schoolType: SchoolType;
  schoolGrades: readonly number[];
  // 0 before enrollment.
  enrolledStudents: number;
  today: IsoDate;
  // Calendar years of the term whose official holidays the region has not yet confirmed (the holiday
  // package lacks them): the service days there follow provisional holidays (F-04).
  yearsAwaitingOfficialDates?: readonly number[];
  // B 六(五) 课后服务统一启动时间: the term's unified start date (the region's term, terms.ts); null or
  // absent when the region set none.
  unifiedStartDate?: IsoDate | null;
  // The grouping and duty rota the school has saved for the term (src/domain/in-charge.ts: once saved
  // they are who is in charge); absent or empty before.
  arrangement?: SavedArrangement | null;
}

export interface Finding {
  ruleId: PlanRuleId;
  severity: Severity;
  message: { zh: string; en: string };
  clause: string;
  field?: string;
  /** Names a user typed (a person, group, venue, batch) that the message quotes as written, for marking. */
  names?: string[];
}

interface RuleSpec {
  severity: Severity;
  clause: string;
  // The source text in Chinese, and the rule in English.
  zh: string;
  en: string;
}

export const PLAN_RULES = {
  'plan.invalid': {
    severity: 'error',
    clause: 'F-02',
    zh: '方案数据须完整有效（时间、日期、名称、容量）',
    en: 'A value of the plan is missing or malformed',
  },
  'plan.unknown-reference': {
    severity: 'error',
    clause: 'F-02',
    zh: '引用的场地或人员须在方案中列出',
    en: 'A session or group names a venue or staff member the plan does not list',
  },
  'days.too-few': {
    severity: 'error',
    clause: 'B 二 / C 1',
    zh: 'B 二 每周四个下午放学后的课余时间开展课后服务活动；C 1 学校每周5天都要开展课后服务',
    en: 'Fewer school days a week than the policy requires',
  },
  'days.weekend': {
    severity: 'error',
    clause: 'B 二',
    zh: 'B 二 放学后的课余时间开展课后服务活动',
    en: 'Service on Saturday or Sunday: after-school service follows school days',
  },
  'hours.too-few': {
    severity: 'error',
    clause: 'B 五(三) / C 1',
    zh: 'B 五(三) 每天计1.5课时；C 1 下午课后服务每天至少开展2个学时',
    en: 'Fewer class hours on a day than the policy minimum',
  },
  'end.too-early': {
    severity: 'error',
    clause: 'B 二 / C 1',
    zh: 'B 二 夏令时课后延时服务结束时间为18:00，非夏令时…为17:30；C 1 下午课后服务结束时间原则上不早于当地普遍的正常下班时间后半小时',
    en: "Service ends before the season's end time (pilot-4) or before off-work time + 30 min (5+2)",
  },
  'timetable.end-before-start': {
    severity: 'error',
    clause: 'F-02',
    zh: '每段活动的结束时间须晚于开始时间',
    en: 'A session ends at or before its start',
  },
  'timetable.overlap': {
    severity: 'error',
    clause: 'F-02, A 三.1',
    zh: '同一场地或同一看护人员不能同时安排两段活动（看护人员对被看护学生承担安全直接责任）',
    en: 'Two sessions at the same time share a venue or a staff member',
  },
  'timetable.after-end': {
    severity: 'error',
    clause: 'B 二 / C 1',
    zh: '活动须在当季服务结束时间之前结束',
    en: "A session ends after the season's service end time",
  },
  'timetable.no-staff': {
    severity: 'error',
    clause: 'A 三.1',
    zh: 'A 三.1 看护人员对被看护学生承担安全直接责任',
    en: 'A session has no staff member',
  },
  'timetable.weekday-not-served': {
    severity: 'warning',
    clause: 'F-02',
    zh: '活动安排在方案不服务的星期',
    en: 'A session is set for a weekday the plan does not serve',
  },
  'activity.forbidden-kind': {
    severity: 'error',
    clause: 'B 三, B 六(二)',
    zh: 'B 三 坚决防止将课后服务变相为集体补课或上课；B 六(二) 严禁组织或变相组织集体教学或“补课”',
    en: 'A session of a forbidden kind (collective tutoring, new-lesson teaching)',
  },
  'activity.unknown-category': {
    severity: 'error',
    clause: 'B 三',
    zh: 'B 三 通过组织学生自主阅读、完成作业、个别辅导，开展体育、美育、科技等多形式活动',
    en: "A session's category is unknown or not allowed by the region",
  },
  'activity.unknown-kind': {
    severity: 'error',
    clause: 'B 三',
    zh: '活动形式须为已知形式',
    en: "A session's kind is unknown",
  },
  'activity.name-suggests-tutoring': {
    severity: 'warning',
    clause: 'B 三, B 六(二)',
    zh: 'B 三 坚决防止将课后服务变相为集体补课或上课',
    en: "A session's name reads like tutoring or a lesson",
  },
  'grades.not-served': {
    severity: 'error',
    clause: 'B 一 / C',
    zh: 'B 一 服务对象为1-2年级有课后延时服务需要的学生；C 义务教育学校全覆盖、有需求的学生全覆盖',
    en: 'A grade outside the grades the policy serves',
  },
  'grades.not-in-school': {
    severity: 'error',
    clause: 'B 一',
    zh: 'B 一 在城区9所小学校内同时开展（服务对象为本校学生）',
    en: 'A grade the school does not have',
  },
  'group.grade-not-in-plan': {
    severity: 'error',
    clause: 'A 二',
    zh: 'A 二 统筹安排编班',
    en: "A group's grades are not among the plan's grades",
  },
  'group.no-teacher': {
    severity: 'error',
    clause: 'B 五(三)',
    zh: 'B 五(三) 按每班30名以上学生配1名教师',
    en: 'A group without a teacher',
  },
  'staffing.below-quota': {
    severity: 'error',
    clause: 'B 五(三)',
    zh: 'B 五(三) 按每班30名以上学生配1名教师，每90名学生加配1名管理人员',
    en: 'Fewer teachers or managers than the quota for the enrolled children',
  },
  'staffing.below-quota-expected': {
    severity: 'warning',
    clause: 'B 五(三)',
    zh: 'B 五(三) 按每班30名以上学生配1名教师，每90名学生加配1名管理人员',
    en: 'Fewer teachers or managers than the quota for the expected children (before enrollment)',
  },
  'venue.inspection': {
    severity: 'error',
    clause: 'A 三.4, B 六(三)',
    zh: 'A 三.4 学校设立符合安全要求的看护场所，经常开展维修和护理，消除各类安全隐患；B 六(三) 强化活动场所安全检查',
    en: 'A venue without a passed safety inspection valid when service starts',
  },
  'venue.inspection-lapses': {
    severity: 'warning',
    clause: 'A 三.4',
    zh: 'A 三.4 经常开展维修和护理，消除各类安全隐患',
    en: "A venue's inspection expires before the last service day",
  },
  'staff.letter': {
    severity: 'error',
    clause: 'A 三.1',
    zh: 'A 三.1 学校与看护工作人员签订岗位责任书，明确看护责任',
    en: 'A staff member without a signed responsibility letter in force when service starts',
  },
  'staff.letter-lapses': {
    severity: 'warning',
    clause: 'A 三.1',
    zh: 'A 三.1 学校与看护工作人员签订岗位责任书',
    en: "A staff member's responsibility letter expires before the last service day",
  },
  'insurance.uncovered': {
    severity: 'error',
    clause: 'B 六(三)',
    zh: 'B 六(三) 要有效利用校方责任保险和学生意外伤害保险等',
    en: 'No insurance of a kind, or the first service day is outside its cover',
  },
  'insurance.lapses': {
    severity: 'warning',
    clause: 'B 六(三)',
    zh: 'B 六(三) 要有效利用校方责任保险和学生意外伤害保险等',
    en: 'Later service days fall outside the cover of an insurance kind',
  },
  'departure.outside-service': {
    severity: 'error',
    clause: 'C 2',
    zh: 'C 2 实行弹性离校机制（离校批次在服务时间之内）',
    en: 'A departure batch before service starts or after it ends',
  },
  'departure.none': {
    severity: 'warning',
    clause: 'C 2',
    zh: 'C 2 实行弹性离校机制',
    en: 'A 5+2 plan without departure batches',
  },
  'contacts.emergency': {
    severity: 'error',
    clause: 'A 四',
    zh: 'A 四 联系方式',
    en: 'No emergency contact, or one without a name or a valid phone',
  },
  'contacts.principal-phone': {
    severity: 'error',
    clause: 'A 四',
    zh: 'A 四 1.校长办公室电话',
    en: "The principal's office phone is missing or not a phone number",
  },
  'days.before-unified-start': {
    severity: 'error',
    clause: 'B 六(五)',
    zh: 'B 六(五) 课后服务统一启动时间',
    en: "Service days before the region's unified start date",
  },
  'charge.group-count': {
    severity: 'warning',
    clause: 'A 二',
    zh: 'A 二 统筹安排编班，确定看护工作人员（已保存的编班与方案的班组数不同）',
    en: 'The saved grouping has a different number of groups than the plan',
  },
  'charge.leader-not-in-plan': {
    severity: 'warning',
    clause: 'A 三.1',
    zh: 'A 三.1 看护人员对被看护学生承担安全直接责任（带班组的人不在方案的人员中）',
    en: "A group of the saved grouping is led by someone the plan's staff do not include",
  },
  'charge.plan-teacher-leads-none': {
    severity: 'warning',
    clause: 'A 二',
    zh: 'A 二 确定看护工作人员（方案的班组教师在已保存的编班中不带班组）',
    en: 'A teacher the plan puts at the head of a group leads no group of the saved grouping',
  },
  'charge.manager-not-in-plan': {
    severity: 'warning',
    clause: 'B 五(三)',
    zh: 'B 五(三) 每90名学生加配1名管理人员（值日安排的管理人员不在方案的人员中）',
    en: "A manager of the duty rota is not among the plan's staff",
  },
  'calendar.no-service-days': {
    severity: 'warning',
    clause: 'F-04',
    zh: '学期内没有服务日',
    en: 'The term has no service days',
  },
  'calendar.provisional-holidays': {
    severity: 'warning',
    clause: 'F-04',
    zh: '全国年节及纪念日放假办法；当年放假安排以国务院办公厅通知为准',
    en: 'A year of the term whose official holiday dates the region has not yet confirmed',
  },
} as const satisfies Record<string, RuleSpec>;

export type PlanRuleId = keyof typeof PLAN_RULES;
export const PLAN_RULE_IDS = Object.keys(PLAN_RULES) as PlanRuleId[];

export function blocksSubmission(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const WEEKDAY = {
  zh: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const SEASON = {
  summer: { zh: '夏令时', en: 'summer time' },
  other: { zh: '非夏令时', en: 'the other season' },
} as const;
// B 三/B 六(二): words that name tutoring or a lesson (补课, 新课, 集体教学, 讲授, 刷题).
const TUTORING_WORDS = /补课|新课|集体教学|讲授|刷题/;

function time(value: unknown): Minutes | null {
  if (typeof value !== 'string') return null;
  try {
    return parseTime(value);
  } catch {
    return null;
  }
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7;
}

function isGrade(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 9;
}

function datesValid(from: unknown, to: unknown): boolean {
  return typeof from === 'string' && typeof to === 'string' && isIsoDate(from) && isIsoDate(to) && from <= to;
}

// Minutes covered by a set of intervals (sessions side by side count once).
function unionMinutes(intervals: readonly (readonly [Minutes, Minutes])[]): Minutes {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

type DatedProblem = { kind: 'missing' | 'future' | 'expired' } | { kind: 'lapses'; days: number };

interface GoodSession {
  index: number;
  session: PlanSession;
  start: Minutes;
  end: Minutes;
  weekdays: readonly number[];
}

export function checkPlan(policy: RegionPolicy, plan: TermPlan, context: PlanCheckContext): Finding[] {
  if (!Number.isSafeInteger(context.enrolledStudents) || context.enrolledStudents < 0)
    throw new RangeError(`enrolledStudents must be a whole number ≥ 0: ${context.enrolledStudents}`);
  if (!isIsoDate(context.today)) throw new RangeError(`today is not an ISO date: ${context.today}`);

  const findings: Finding[] = [];
  const model = policy.model;
  const add = (
    ruleId: PlanRuleId,
    zh: string,
    en: string,
    field?: string,
    clause?: string,
    names?: readonly string[],
  ) => {
    const rule = PLAN_RULES[ruleId];
    const quoted = [...new Set(names ?? [])].filter((name) => name !== '');
    findings.push({
      ruleId,
      severity: rule.severity,
      message: { zh, en },
      clause: clause ?? rule.clause,
      ...(field === undefined ? {} : { field }),
      ...(quoted.length === 0 ? {} : { names: quoted }),
    });
  };
  const invalid = (field: string, zh: string, en: string) => add('plan.invalid', zh, en, field);

  // ---- The calendar: which seasons the term has, which days lie ahead.
  const serviceDays = [...context.serviceDays].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
  if (serviceDays.length === 0)
    add('calendar.no-service-days', '学期内没有服务日', 'The term has no service days');
  // F-04: for a year the holiday package lacks, holidays are computed from the law until the region
  // enters the State Council's notice, which adds bridge days and 调休 no rule can compute.
  const provisional = context.yearsAwaitingOfficialDates ?? [];
  if (provisional.length > 0)
    add(
      'calendar.provisional-holidays',
      `${provisional.join('、')} 年的放假安排尚未公布或未经本地区确认，服务日按法定节假日暂定，可能变化`,
      `The official holidays of ${provisional.join(', ')} are not yet confirmed by the region; service days there are provisional and may change`,
    );
  // Without a calendar, both seasons are checked.
  const seasons: Season[] =
    serviceDays.length === 0 ? [...SEASONS] : SEASONS.filter((s) => serviceDays.some((d) => d.season === s));
  // B 六(五) 课后服务统一启动时间: no service day before the region's unified start date (the date
  // itself is a service day). The date is the term's, set by the region (terms.ts).
  const unified = context.unifiedStartDate ?? null;
  const early = unified === null ? [] : serviceDays.filter((d) => d.date < unified);
  const firstEarly = early[0];
  if (unified !== null && firstEarly)
    add(
      'days.before-unified-start',
      `首个服务日 ${chineseDate(firstEarly.date)} 早于本地区课后服务统一启动时间 ${chineseDate(unified)}（之前有 ${early.length} 个服务日）`,
      `The first service day ${firstEarly.date} is before the region's unified start date ${unified} (${early.length} service days before it)`,
      'startsOn',
    );
  // Days already past cannot be changed by a revision: date checks look at the days from today on.
  const upcoming = serviceDays.filter((d) => d.date >= context.today);
  const firstDay = upcoming[0]?.date;
  const lastDay = upcoming[upcoming.length - 1]?.date;

  // ---- Shape of the plan (F-02): bad input names its field.
  if (plan.startsOn != null && !(typeof plan.startsOn === 'string' && isIsoDate(plan.startsOn)))
    invalid('startsOn', '服务开始日期须为 YYYY-MM-DD', 'The start date must be YYYY-MM-DD');
  const weekdays = Array.isArray(plan.weekdays) ? plan.weekdays : [];
  if (!Array.isArray(plan.weekdays) || weekdays.some((w) => !isWeekday(w)))
    invalid('weekdays', '星期须为 1（周一）至 7（周日）', 'Weekdays are 1 (Monday) to 7 (Sunday)');
  else if (new Set(weekdays).size !== weekdays.length)
    invalid('weekdays', '星期重复', 'A weekday is listed twice');
  const servedWeekdays = [...new Set(weekdays.filter(isWeekday))].sort((a, b) => a - b);

  const grades = Array.isArray(plan.grades) ? plan.grades : [];
  if (grades.length === 0) invalid('grades', '至少选择一个服务年级', 'Choose at least one grade');
  else if (grades.some((g) => !isGrade(g))) invalid('grades', '年级须为 1–9', 'Grades are 1 to 9');
  else if (new Set(grades).size !== grades.length) invalid('grades', '年级重复', 'A grade is listed twice');
  const validGrades = grades.filter(isGrade);

  const endTimes: Partial<Record<Season, Minutes>> = {};
  for (const s of SEASONS) {
    const t = time(plan.endTimes?.[s]);
    if (t === null)
      invalid(
        `endTimes.${s}`,
        `${SEASON[s].zh}结束时间须为 HH:MM`,
        `End time in ${SEASON[s].en} must be HH:MM`,
      );
    else endTimes[s] = t;
  }

  const venueIds = new Set<string>();
  plan.venues.forEach((v, i) => {
    if (!isText(v.id) || venueIds.has(v.id))
      invalid(`venues[${i}].id`, '场地编号缺失或重复', 'Venue id missing or used twice');
    venueIds.add(v.id);
    if (!isText(v.name)) invalid(`venues[${i}].name`, '请填写场地名称', 'Enter the venue name');
    if (!Number.isSafeInteger(v.capacity) || v.capacity < 1)
      invalid(`venues[${i}].capacity`, '场地容量须为正整数', 'Venue capacity must be a whole number ≥ 1');
    const inspection = v.safetyInspection;
    if (inspection && !datesValid(inspection.passedOn, inspection.validUntil))
      invalid(
        `venues[${i}].safetyInspection`,
        '安全检查日期无效（有效期须不早于检查日期）',
        'Inspection dates are invalid (valid until must not be before passed on)',
      );
  });

  const staffIds = new Set<string>();
  plan.staff.forEach((p, i) => {
    if (!isText(p.id) || staffIds.has(p.id))
      invalid(`staff[${i}].id`, '人员编号缺失或重复', 'Staff id missing or used twice');
    staffIds.add(p.id);
    if (!isText(p.name)) invalid(`staff[${i}].name`, '请填写姓名', 'Enter the name');
    if (p.role !== 'teacher' && p.role !== 'manager')
      invalid(`staff[${i}].role`, '岗位须为教师或管理人员', 'Role must be teacher or manager');
    const letter = p.responsibilityLetter;
    if (letter && !datesValid(letter.signedOn, letter.validUntil))
      invalid(
        `staff[${i}].responsibilityLetter`,
        '责任书日期无效（有效期须不早于签订日期）',
        'Letter dates are invalid (valid until must not be before signed on)',
      );
  });

  const groupIds = new Set<string>();
  plan.groups.forEach((g, i) => {
    if (!isText(g.id) || groupIds.has(g.id))
      invalid(`groups[${i}].id`, '班组编号缺失或重复', 'Group id missing or used twice');
    groupIds.add(g.id);
    if (!Array.isArray(g.grades) || g.grades.length === 0 || g.grades.some((x) => !isGrade(x)))
      invalid(`groups[${i}].grades`, '班组年级须为 1–9，至少一个', 'A group has at least one grade, 1 to 9');
    if (g.venueId != null && g.venueId !== '' && !venueIds.has(g.venueId))
      add(
        'plan.unknown-reference',
        `班组场地 ${g.venueId} 不在场地列表中`,
        `Group venue ${g.venueId} is not listed`,
        `groups[${i}].venueId`,
      );
    if (g.teacherId != null && g.teacherId !== '' && !staffIds.has(g.teacherId))
      add(
        'plan.unknown-reference',
        `班组教师 ${g.teacherId} 不在人员列表中`,
        `Group teacher ${g.teacherId} is not listed`,
        `groups[${i}].teacherId`,
      );
  });

  plan.insurance.forEach((p, i) => {
    if (!(p.kind in INSURANCE_KINDS))
      invalid(`insurance[${i}].kind`, '保险种类未知', 'Unknown insurance kind');
    if (!isText(p.insurer)) invalid(`insurance[${i}].insurer`, '请填写保险公司', 'Enter the insurer');
    if (!isText(p.number)) invalid(`insurance[${i}].number`, '请填写保单号', 'Enter the policy number');
    if (!datesValid(p.coverFrom, p.coverTo))
      invalid(
        `insurance[${i}].coverTo`,
        '保险期间无效（止期须不早于起期）',
        'Cover dates are invalid (cover to must not be before cover from)',
      );
  });

  if (
    plan.expectedStudents != null &&
    (!Number.isSafeInteger(plan.expectedStudents) || plan.expectedStudents < 0)
  )
    invalid('expectedStudents', '预计人数须为非负整数', 'Expected students must be a whole number ≥ 0');

  // ---- Days a week. B 二: 每周四个下午; C 1: 学校每周5天都要开展课后服务.
  const dayClause = model === 'pilot-4' ? 'B 二' : 'C 1';
  const schoolWeekdays = servedWeekdays.filter((w) => w <= 5);
  if (schoolWeekdays.length < policy.daysPerWeek)
    add(
      'days.too-few',
      `每周服务 ${schoolWeekdays.length} 天，少于规定的 ${policy.daysPerWeek} 天`,
      `${schoolWeekdays.length} service days a week, fewer than the ${policy.daysPerWeek} required`,
      'weekdays',
      dayClause,
    );
  // B 二: 放学后的课余时间 — school days only; a make-up working day (调休) comes from the calendar.
  const weekend = servedWeekdays.filter((w) => w >= 6);
  if (weekend.length > 0)
    add(
      'days.weekend',
      `${weekend.map((w) => WEEKDAY.zh[w]).join('、')}不是上学日，课后服务在放学后开展`,
      `Not a school day: ${weekend.map((w) => WEEKDAY.en[w]).join(', ')}; the service follows school days`,
      'weekdays',
    );

  // ---- Timetable.
  const good: GoodSession[] = [];
  plan.timetable.forEach((session, i) => {
    const start = time(session.start);
    const end = time(session.end);
    if (start === null) invalid(`timetable[${i}].start`, '开始时间须为 HH:MM', 'Start must be HH:MM');
    if (end === null) invalid(`timetable[${i}].end`, '结束时间须为 HH:MM', 'End must be HH:MM');
    if (!isText(session.activity))
      invalid(`timetable[${i}].activity`, '请填写活动名称', 'Enter the activity');
    let ownWeekdays: readonly number[] = servedWeekdays;
    if (session.weekdays !== undefined) {
      if (
        !Array.isArray(session.weekdays) ||
        session.weekdays.length === 0 ||
        session.weekdays.some((w) => !isWeekday(w))
      )
        invalid(`timetable[${i}].weekdays`, '星期须为 1–7，至少一个', 'At least one weekday, 1 to 7');
      else {
        ownWeekdays = session.weekdays;
        const unserved = session.weekdays.filter((w) => !servedWeekdays.includes(w));
        if (unserved.length > 0)
          add(
            'timetable.weekday-not-served',
            `方案不在${unserved.map((w) => WEEKDAY.zh[w]).join('、')}服务，此活动不会进行`,
            `The plan does not serve ${unserved.map((w) => WEEKDAY.en[w]).join(', ')}; the session will not run then`,
            `timetable[${i}].weekdays`,
          );
      }
    }
    if (!isText(session.venueId) || !venueIds.has(session.venueId))
      add(
        'plan.unknown-reference',
        `活动场地 ${session.venueId ?? ''} 不在场地列表中`,
        `Venue ${session.venueId ?? ''} is not listed`,
        `timetable[${i}].venueId`,
      );
    const sessionStaff = Array.isArray(session.staffIds) ? session.staffIds : [];
    if (sessionStaff.length === 0)
      add(
        'timetable.no-staff',
        `活动“${session.activity}”没有看护人员`,
        `Session "${session.activity}" has no staff member`,
        `timetable[${i}].staffIds`,
      );
    for (const id of sessionStaff)
      if (!staffIds.has(id))
        add(
          'plan.unknown-reference',
          `看护人员 ${id} 不在人员列表中`,
          `Staff member ${id} is not listed`,
          `timetable[${i}].staffIds`,
        );

    // B 三 / B 六(二): categories of the region, and no tutoring or new lessons.
    if (!policy.activityCategories.includes(session.category as never)) {
      const known = session.category in ACTIVITY_CATEGORIES;
      add(
        'activity.unknown-category',
        known
          ? `活动类别“${ACTIVITY_CATEGORIES[session.category as keyof typeof ACTIVITY_CATEGORIES].zh}”不在本地区允许的类别中`
          : `未知的活动类别“${session.category}”`,
        known
          ? `Category "${session.category}" is not allowed in this region`
          : `Unknown activity category "${session.category}"`,
        `timetable[${i}].category`,
      );
    }
    if (policy.forbiddenKinds.includes(session.kind as never))
      add(
        'activity.forbidden-kind',
        `“${session.activity}”属于${SESSION_KINDS[session.kind as keyof typeof SESSION_KINDS]?.zh ?? session.kind}，课后服务严禁集体补课或新课教学`,
        `"${session.activity}" is ${session.kind}: after-school service must not be tutoring or new lessons`,
        `timetable[${i}].kind`,
      );
    else if (!(session.kind in SESSION_KINDS))
      add(
        'activity.unknown-kind',
        `未知的活动形式“${session.kind}”`,
        `Unknown session kind "${session.kind}"`,
        `timetable[${i}].kind`,
      );
    else if (typeof session.activity === 'string' && TUTORING_WORDS.test(session.activity))
      add(
        'activity.name-suggests-tutoring',
        `活动名称“${session.activity}”像是补课或上课，请核实内容`,
        `Activity "${session.activity}" reads like tutoring or a lesson; check what it is`,
        `timetable[${i}].activity`,
      );

    if (start === null || end === null) return;
    if (end <= start) {
      add(
        'timetable.end-before-start',
        `结束时间 ${session.end} 不晚于开始时间 ${session.start}`,
        `End ${session.end} is not after start ${session.start}`,
        `timetable[${i}].end`,
      );
      return;
    }
    good.push({ index: i, session, start, end, weekdays: ownWeekdays });
  });

  // One venue or one person cannot hold two sessions at once; rooms and people side by side may.
  for (let j = 0; j < good.length; j++) {
    const b = good[j] as GoodSession;
    for (let i = 0; i < j; i++) {
      const a = good[i] as GoodSession;
      if (!(a.start < b.end && b.start < a.end)) continue;
      const days = a.weekdays.filter((w) => b.weekdays.includes(w));
      if (days.length === 0) continue;
      const sameVenue = a.session.venueId === b.session.venueId;
      const shared = (a.session.staffIds ?? []).filter((id) => (b.session.staffIds ?? []).includes(id));
      if (!sameVenue && shared.length === 0) continue;
      const what = sameVenue
        ? { zh: `同一场地 ${b.session.venueId}`, en: `venue ${b.session.venueId}` }
        : { zh: `同一看护人员 ${shared.join('、')}`, en: `staff ${shared.join(', ')}` };
      add(
        'timetable.overlap',
        `“${b.session.activity}”（${b.session.start}–${b.session.end}）与“${a.session.activity}”（${a.session.start}–${a.session.end}）时间重叠，且使用${what.zh}`,
        `"${b.session.activity}" (${b.session.start}–${b.session.end}) overlaps "${a.session.activity}" (${a.session.start}–${a.session.end}) in ${what.en}`,
        `timetable[${b.index}].start`,
      );
    }
  }

  // A session must end by the season's end time (B 二 / C 1).
  for (const g of good) {
    const late = seasons.filter((s) => endTimes[s] !== undefined && g.end > (endTimes[s] as Minutes));
    if (late.length > 0)
      add(
        'timetable.after-end',
        `“${g.session.activity}”在 ${g.session.end} 结束，晚于${late.map((s) => `${SEASON[s].zh}结束时间 ${formatTime(endTimes[s] as Minutes)}`).join('、')}`,
        `"${g.session.activity}" ends at ${g.session.end}, after the end time of ${late.map((s) => `${SEASON[s].en} (${formatTime(endTimes[s] as Minutes)})`).join(', ')}`,
        `timetable[${g.index}].end`,
        dayClause,
      );
  }

  // Class hours a day: B 五(三) 每天计1.5课时; C 1 下午课后服务每天至少开展2个学时. Minutes of
  // service (sessions side by side count once) over the class-hour length, compared in integers.
  // A plan without valid grades is measured by the school's grades, or its type's.
  const [low, high] = GRADE_RANGE[context.schoolType];
  const measuredGrades =
    validGrades.length > 0
      ? validGrades
      : context.schoolGrades.length > 0
        ? context.schoolGrades
        : [low, high];
  const classHour = classHourMinutesFor(policy, measuredGrades);
  const minTenths = policy.minClassHoursPerDayTenths;
  const short: { weekday: number; minutes: Minutes }[] = [];
  for (const w of servedWeekdays) {
    const minutes = unionMinutes(
      good.filter((g) => g.weekdays.includes(w)).map((g) => [g.start, g.end] as const),
    );
    if (minutes * 10 < minTenths * classHour) short.push({ weekday: w, minutes });
  }
  if (short.length > 0) {
    const needed = Math.ceil((minTenths * classHour) / 10);
    add(
      'hours.too-few',
      `${short.map((d) => `${WEEKDAY.zh[d.weekday]} ${d.minutes} 分钟`).join('、')}，少于每天 ${formatTenths(minTenths)} 课时（每课时 ${classHour} 分钟，共 ${needed} 分钟）`,
      `${short.map((d) => `${WEEKDAY.en[d.weekday]} ${d.minutes} min`).join(', ')}: fewer than ${formatTenths(minTenths)} class hours a day (${classHour} min each, ${needed} min)`,
      'timetable',
      model === 'pilot-4' ? 'B 五(三)' : 'C 1',
    );
  }

  // ---- End time per season present in the term.
  for (const s of seasons) {
    const end = endTimes[s];
    if (end === undefined) continue;
    const required = requiredEndTime(policy, s);
    if (end < required)
      add(
        'end.too-early',
        model === 'pilot-4'
          ? `${SEASON[s].zh}服务结束时间 ${formatTime(end)} 早于规定的 ${formatTime(required)}`
          : `${SEASON[s].zh}服务结束时间 ${formatTime(end)} 早于当地下班时间后半小时（${formatTime(required)}）`,
        model === 'pilot-4'
          ? `Service ends at ${formatTime(end)} in ${SEASON[s].en}, before the required ${formatTime(required)}`
          : `Service ends at ${formatTime(end)} in ${SEASON[s].en}, before off-work time + ${policy.endAfterOffWorkMinutes} min (${formatTime(required)})`,
        `endTimes.${s}`,
        dayClause,
      );
  }

  // ---- Departure batches (弹性离校, C 2): within the service time of each season they run in.
  // Service starts with the earliest session as typed (a session with a bad end still starts then).
  const starts = plan.timetable.map((s) => time(s.start)).filter((t): t is Minutes => t !== null);
  const serviceStart = starts.length > 0 ? Math.min(...starts) : null;
  plan.departureBatches.forEach((batch: DepartureBatch, i) => {
    const field = `departureBatches[${i}].time`;
    if (!isText(batch.name)) invalid(`departureBatches[${i}].name`, '请填写批次名称', 'Enter the batch name');
    const t = time(batch.time);
    const seasonsValid =
      batch.seasons === undefined ||
      (Array.isArray(batch.seasons) && batch.seasons.every((s) => SEASONS.includes(s)));
    if (!seasonsValid) invalid(`departureBatches[${i}].seasons`, '季节无效', 'Unknown season');
    if (t === null) invalid(field, '离校时间须为 HH:MM', 'Time must be HH:MM');
    if (t === null || !seasonsValid) return;
    const runs = (batch.seasons ?? SEASONS).filter((s) => seasons.includes(s));
    const after = runs.filter((s) => endTimes[s] !== undefined && t > (endTimes[s] as Minutes));
    if (serviceStart !== null && t < serviceStart)
      add(
        'departure.outside-service',
        `离校批次“${batch.name}”${batch.time} 早于服务开始时间 ${formatTime(serviceStart)}`,
        `Departure batch "${batch.name}" at ${batch.time} is before service starts (${formatTime(serviceStart)})`,
        field,
        undefined,
        [batch.name],
      );
    else if (after.length > 0)
      add(
        'departure.outside-service',
        `离校批次“${batch.name}”${batch.time} 晚于${after.map((s) => `${SEASON[s].zh}结束时间 ${formatTime(endTimes[s] as Minutes)}`).join('、')}`,
        `Departure batch "${batch.name}" at ${batch.time} is after the end time of ${after.map((s) => SEASON[s].en).join(', ')}`,
        field,
        undefined,
        [batch.name],
      );
  });
  if (model === '5+2' && plan.departureBatches.length === 0)
    add(
      'departure.none',
      '未设置离校批次（实行弹性离校机制）',
      'No departure batches (flexible departure)',
      'departureBatches',
    );

  // ---- Grades. B 一: 服务对象为1-2年级 (the policy's grades); only grades the school has.
  const notServed = validGrades.filter((g) => !policy.servedGrades.includes(g));
  if (notServed.length > 0)
    add(
      'grades.not-served',
      `${notServed.join('、')} 年级不在本地区服务年级（${policy.servedGrades.join('、')}）之内`,
      `Grade ${notServed.join(', ')} is outside the grades the policy serves (${policy.servedGrades.join(', ')})`,
      'grades',
      model === 'pilot-4' ? 'B 一' : 'C',
    );
  const notInSchool = validGrades.filter((g) => !context.schoolGrades.includes(g));
  if (notInSchool.length > 0)
    add(
      'grades.not-in-school',
      `学校没有 ${notInSchool.join('、')} 年级`,
      `The school has no grade ${notInSchool.join(', ')}`,
      'grades',
    );

  // ---- Groups. B 五(三): 按每班30名以上学生配1名教师 — every group has its teacher.
  plan.groups.forEach((g, i) => {
    const outside = Array.isArray(g.grades)
      ? g.grades.filter((x) => isGrade(x) && !validGrades.includes(x))
      : [];
    if (outside.length > 0)
      add(
        'group.grade-not-in-plan',
        `班组“${g.name}”的 ${outside.join('、')} 年级不在方案服务年级之内`,
        `Group "${g.name}" has grade ${outside.join(', ')}, which the plan does not serve`,
        `groups[${i}].grades`,
        undefined,
        [g.name],
      );
    if (g.teacherId == null || g.teacherId === '')
      add(
        'group.no-teacher',
        `班组“${g.name}”没有教师`,
        `Group "${g.name}" has no teacher`,
        `groups[${i}].teacherId`,
        undefined,
        [g.name],
      );
  });

  // ---- Staffing quota (F-08). Every listed staff member counts; a missing letter is its own finding.
  const counts = {
    teachers: plan.staff.filter((p) => p.role === 'teacher').length,
    managers: plan.staff.filter((p) => p.role === 'manager').length,
  };
  const enrolled = context.enrolledStudents;
  const expected = Number.isSafeInteger(plan.expectedStudents) ? (plan.expectedStudents as number) : 0;
  const basis = enrolled > 0 ? enrolled : expected;
  if (basis > 0) {
    const quota = staffingQuota(basis, policy.staffing);
    if (counts.teachers < quota.teachers || counts.managers < quota.managers) {
      const ruleId = enrolled > 0 ? 'staffing.below-quota' : 'staffing.below-quota-expected';
      const who = enrolled > 0 ? { zh: '已报名', en: 'enrolled' } : { zh: '预计', en: 'expected' };
      add(
        ruleId,
        `${who.zh} ${basis} 名学生需教师 ${quota.teachers} 名、管理人员 ${quota.managers} 名，方案有教师 ${counts.teachers} 名、管理人员 ${counts.managers} 名`,
        `${basis} ${who.en} children need ${quota.teachers} teachers and ${quota.managers} managers; the plan has ${counts.teachers} and ${counts.managers}`,
        'staff',
      );
    }
  }

  // ---- Dated documents: in force when service starts (error), and through the last day (warning).
  const reference = firstDay ?? context.today;
  const datedProblem = (doc: { from: IsoDate; until: IsoDate } | null): DatedProblem | null => {
    if (!doc) return { kind: 'missing' };
    if (!datesValid(doc.from, doc.until)) return null; // reported as plan.invalid
    if (doc.from > context.today) return { kind: 'future' };
    if (doc.until < reference) return { kind: 'expired' };
    const lapsed = upcoming.filter((d) => d.date > doc.until).length;
    return lapsed > 0 ? { kind: 'lapses', days: lapsed } : null;
  };

  // A 三.4: 学校设立符合安全要求的看护场所 — a passed, unexpired safety inspection.
  plan.venues.forEach((v, i) => {
    const inspection = v.safetyInspection;
    const problem = datedProblem(inspection && { from: inspection.passedOn, until: inspection.validUntil });
    if (!problem) return;
    const name = `场地“${v.name}”`;
    const nameEn = `Venue "${v.name}"`;
    const on = inspection?.passedOn;
    const until = inspection?.validUntil;
    const text = {
      missing: [`${name}没有通过的安全检查`, `${nameEn} has no passed safety inspection`],
      future: [`${name}的检查日期 ${on} 在今天之后`, `${nameEn} was inspected on ${on}, after today`],
      expired: [
        `${name}的安全检查 ${until} 已过期（首个服务日 ${reference}）`,
        `${nameEn}: inspection expired on ${until} (first service day ${reference})`,
      ],
      lapses: [
        `${name}的安全检查 ${until} 到期，之后还有 ${problem.kind === 'lapses' ? problem.days : 0} 个服务日（至 ${lastDay}）`,
        `${nameEn}: inspection valid until ${until}; ${problem.kind === 'lapses' ? problem.days : 0} service days follow (to ${lastDay})`,
      ],
    }[problem.kind] as [string, string];
    add(
      problem.kind === 'lapses' ? 'venue.inspection-lapses' : 'venue.inspection',
      text[0],
      text[1],
      `venues[${i}].safetyInspection`,
      undefined,
      [v.name],
    );
  });

  // A 三.1: 学校与看护工作人员签订岗位责任书.
  plan.staff.forEach((p, i) => {
    const letter = p.responsibilityLetter;
    const problem = datedProblem(letter && { from: letter.signedOn, until: letter.validUntil });
    if (!problem) return;
    const on = letter?.signedOn;
    const until = letter?.validUntil;
    const text = {
      missing: [`${p.name} 未签订岗位责任书`, `${p.name} has not signed a responsibility letter`],
      future: [
        `${p.name} 的责任书签订日期 ${on} 在今天之后`,
        `${p.name}'s letter is dated ${on}, after today`,
      ],
      expired: [
        `${p.name} 的岗位责任书 ${until} 已到期（首个服务日 ${reference}）`,
        `${p.name}'s responsibility letter expired on ${until} (first service day ${reference})`,
      ],
      lapses: [
        `${p.name} 的岗位责任书 ${until} 到期，之后还有 ${problem.kind === 'lapses' ? problem.days : 0} 个服务日`,
        `${p.name}'s responsibility letter is valid until ${until}; ${problem.kind === 'lapses' ? problem.days : 0} service days follow`,
      ],
    }[problem.kind] as [string, string];
    add(
      problem.kind === 'lapses' ? 'staff.letter-lapses' : 'staff.letter',
      text[0],
      text[1],
      `staff[${i}].responsibilityLetter`,
      undefined,
      [p.name],
    );
  });

  // B 六(三): 要有效利用校方责任保险和学生意外伤害保险等 — each kind covers every service day.
  for (const kind of Object.keys(INSURANCE_KINDS) as InsuranceKind[]) {
    const label = INSURANCE_KINDS[kind];
    const covers = plan.insurance.filter((p) => p.kind === kind && datesValid(p.coverFrom, p.coverTo));
    if (covers.length === 0) {
      add('insurance.uncovered', `没有${label.zh}`, `No ${label.en.toLowerCase()}`, 'insurance');
      continue;
    }
    const uncovered = upcoming.filter(
      (d) => !covers.some((c) => d.date >= c.coverFrom && d.date <= c.coverTo),
    );
    const first = uncovered[0];
    if (!first) continue;
    if (first.date === firstDay)
      add(
        'insurance.uncovered',
        `首个服务日 ${first.date} 不在${label.zh}保险期间内（共 ${uncovered.length} 个服务日未覆盖）`,
        `The first service day ${first.date} is outside the ${label.en.toLowerCase()} cover (${uncovered.length} days uncovered)`,
        'insurance',
      );
    else
      add(
        'insurance.lapses',
        `${uncovered.length} 个服务日（自 ${chineseDate(first.date)} 起）不在${label.zh}保险期间内`,
        `${uncovered.length} service days from ${first.date} are outside the ${label.en.toLowerCase()} cover`,
        'insurance',
      );
  }

  // ---- A 四 联系方式: emergency contacts and 校长办公室电话.
  if (plan.emergencyContacts.length === 0)
    add('contacts.emergency', '请填写应急联系人', 'Add an emergency contact', 'emergencyContacts');
  plan.emergencyContacts.forEach((c, i) => {
    if (!isText(c.name))
      add(
        'contacts.emergency',
        '应急联系人缺少姓名',
        'An emergency contact has no name',
        `emergencyContacts[${i}].name`,
      );
    if (typeof c.phone !== 'string' || !isPhoneNumber(c.phone))
      add(
        'contacts.emergency',
        `应急联系人 ${c.name} 的电话无效`,
        `Emergency contact ${c.name} has no valid phone`,
        `emergencyContacts[${i}].phone`,
        undefined,
        [c.name],
      );
  });
  if (typeof plan.principalOfficePhone !== 'string' || !isPhoneNumber(plan.principalOfficePhone))
    add(
      'contacts.principal-phone',
      '请填写有效的校长办公室电话',
      "Enter a valid phone number for the principal's office",
      'principalOfficePhone',
    );

  // ---- Who is in charge (in-charge.ts): once saved, the grouping and the rota are; each place where
  // the plan says otherwise is a finding, so the plan is amended to what parents are told.
  for (const d of arrangementDisagreements(plan, context.arrangement ?? null)) {
    const days = (weekdays: readonly Weekday[], lang: 'zh' | 'en') =>
      weekdays.map((w) => WEEKDAY[lang][w]).join(lang === 'zh' ? '、' : ', ');
    switch (d.kind) {
      case 'group-count':
        add(
          'charge.group-count',
          `方案列出 ${d.planned} 个班组，已保存的编班在${days(d.weekdays, 'zh')}有 ${d.saved} 个`,
          `The plan lists ${d.planned} groups; the saved grouping has ${d.saved} on ${days(d.weekdays, 'en')}`,
          'groups',
        );
        break;
      case 'leader-not-in-plan': {
        const zh = d.groups.map((g) => `${WEEKDAY.zh[g.weekday]}${g.name}`).join('、');
        const en = d.groups.map((g) => `${g.name} (${WEEKDAY.en[g.weekday]})`).join(', ');
        add(
          'charge.leader-not-in-plan',
          `${d.person.name} 带${zh}，但不在方案的人员中`,
          `${d.person.name} leads ${en} but is not among the plan's staff`,
          'staff',
          undefined,
          [d.person.name, ...d.groups.map((g) => g.name)],
        );
        break;
      }
      case 'plan-teacher-leads-none':
        add(
          'charge.plan-teacher-leads-none',
          `方案中${d.planGroup}的教师 ${d.person.name} 在已保存的编班中不带任何班组`,
          `${d.person.name}, the plan's teacher of ${d.planGroup}, leads no group of the saved grouping`,
          'groups',
          undefined,
          [d.person.name, d.planGroup],
        );
        break;
      case 'manager-not-in-plan':
        add(
          'charge.manager-not-in-plan',
          `${d.person.name} 是${days(d.weekdays, 'zh')}值日安排的管理人员，但不在方案的人员中`,
          `${d.person.name} is a manager of the duty rota on ${days(d.weekdays, 'en')} but is not among the plan's staff`,
          'staff',
          undefined,
          [d.person.name],
        );
        break;
    }
  }

  return findings;
}
