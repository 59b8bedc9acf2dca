// F-06 自愿报名: what a guardian may ask for when applying for a child, checked against the public
// notice they read (the approved TermPlan, F-05); the life of an application; and the dates an
// enrollment starts and a withdrawal takes effect. Pure: storage and time come from the caller.
//
// B 四(一): 学生自愿参加课后服务，家长提出书面申请 — the consent is the guardian's, never presumed.
// B 五(二): 家长自愿报名，学校审核 — the school approves or waitlists.
// C 2: 实行弹性离校机制 — the guardian chooses a departure batch of the plan.
// C: 学校对有特殊需要的学生，应提供延时托管服务 — extended custody with the need stated.
// A 三.5: 课后看护学生名册 — the enrollment is the child's line in it.

import { addDays, type IsoDate, type Weekday } from './dates.js';
import { normaliseMobile } from './phone.js';
import type { TermPlan } from './plan.js';

export type ApplicationStatus = 'submitted' | 'approved' | 'waitlisted' | 'withdrawn';
export type ApplicationSource = 'online' | 'paper';

// F-13: a guardian names at most this many people who may collect the child. Not in the seeds; a gate
// guard compares faces and names, and a long list defeats the check.
export const MAX_PICKUP_PERSONS = 5;
export const MAX_REASON_LENGTH = 200;
export const MAX_NAME_LENGTH = 40;

export interface PickupPersonInput {
  name: string;
  relation: string;
  phone: string;
}

export interface ApplicationInput {
  weekdays: number[];
  departureBatch: string;
  extendedCustody: boolean;
  extendedCustodyReason?: string | null | undefined;
  // An explicit statement by the guardian that the child may leave school alone; never a default.
  mayLeaveAlone: boolean;
  pickupPersons: PickupPersonInput[];
}

// What is stored: weekdays sorted and unique, texts trimmed, mobiles in their stored form.
export interface CheckedApplication {
  weekdays: Weekday[];
  departureBatch: string;
  extendedCustody: boolean;
  extendedCustodyReason: string | null;
  mayLeaveAlone: boolean;
  pickupPersons: PickupPersonInput[];
}

export interface ApplicationProblem {
  path: string;
  zh: string;
  en: string;
}

export type ApplicationCheck =
  | { ok: true; application: CheckedApplication }
  | { ok: false; problems: ApplicationProblem[] };

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// Whether the notice covers the child's grade. B 一: 服务对象为1-2年级 (pilot); C: 全覆盖 — the
// plan's grades say which, as approved.
export function gradeIsServed(notice: Pick<TermPlan, 'grades'>, grade: number): boolean {
  return notice.grades.includes(grade);
}

// C: 学校对有特殊需要的学生，应提供延时托管服务 — every school offers it to children with a stated need;
// the form asks for the need and its reason.
export function offersExtendedCustody(_notice: TermPlan): boolean {
  return true;
}

// One pickup person, checked; `index` names the row in the problems.
export function checkPickupPerson(
  person: PickupPersonInput,
  index: number | null,
): { ok: true; person: PickupPersonInput } | { ok: false; problems: ApplicationProblem[] } {
  const problems: ApplicationProblem[] = [];
  const at = index === null ? '' : `pickupPersons.${index}.`;
  const row =
    index === null
      ? { zh: '', en: '' }
      : { zh: `第 ${index + 1} 位接送人：`, en: `Pickup person ${index + 1}: ` };
  const name = person.name.trim();
  const relation = person.relation.trim();
  const phone = normaliseMobile(person.phone);
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    problems.push({ path: `${at}name`, zh: `${row.zh}请填写姓名`, en: `${row.en}enter the name` });
  }
  if (relation === '' || relation.length > MAX_NAME_LENGTH) {
    problems.push({
      path: `${at}relation`,
      zh: `${row.zh}请填写与孩子的关系`,
      en: `${row.en}enter the relation to the child`,
    });
  }
  if (!phone) {
    problems.push({
      path: `${at}phone`,
      zh: `${row.zh}手机号码不正确`,
      en: `${row.en}the mobile number is not valid`,
    });
  }
  if (problems.length > 0 || !phone) return { ok: false, problems };
  return { ok: true, person: { name, relation, phone } };
}

// The application against the notice the guardian read. Every problem is listed, so the form can
// show them all at once.
// Whether a guardian may state that a child of this grade leaves school alone (可自行离校): from the
// region's lowest grade for it (RegionPolicy.leaveAloneMinGrade, the platform's default 3; not in the
// seeds — A 三.2 看护服务时间内的一切活动都以学生安全为出发点). Below it the child is collected.
export function leaveAloneAllowed(grade: number, minGrade: number): boolean {
  return grade >= minGrade;
}

export function checkApplication(
  input: ApplicationInput,
  notice: TermPlan,
  // The child's grade and the region's rule for leaving alone (leaveAloneAllowed).
  leaveAlone?: { grade: number; minGrade: number },
): ApplicationCheck {
  const problems: ApplicationProblem[] = [];
  const served = new Set(notice.weekdays);

  // B 二 / C 1: the days are the plan's days; a guardian may choose fewer (自愿), not others.
  const weekdays = [...new Set(input.weekdays)].sort((a, b) => a - b);
  if (weekdays.length === 0) {
    problems.push({ path: 'weekdays', zh: '请至少选择一天', en: 'Choose at least one day' });
  }
  for (const d of weekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7 || !served.has(d as Weekday)) {
      problems.push({
        path: 'weekdays',
        zh: `学校${WEEKDAY_ZH[d] ?? `第${d}天`}不提供课后服务`,
        en: `The school does not serve on ${WEEKDAY_EN[d] ?? `day ${d}`}`,
      });
    }
  }

  // C 2 弹性离校: one of the plan's batches.
  const batch = input.departureBatch.trim();
  if (!notice.departureBatches.some((b) => b.name === batch)) {
    problems.push({
      path: 'departureBatch',
      zh: `离校批次“${batch}”不在服务公示中`,
      en: `The departure batch “${batch}” is not in the notice`,
    });
  }

  // C 延时托管: the need is stated with its reason.
  const reason = input.extendedCustodyReason?.trim() ?? '';
  if (input.extendedCustody && reason === '') {
    problems.push({
      path: 'extendedCustodyReason',
      zh: '申请延时托管请说明原因',
      en: 'State the reason for extended custody',
    });
  }
  if (reason.length > MAX_REASON_LENGTH) {
    problems.push({
      path: 'extendedCustodyReason',
      zh: `原因不能超过 ${MAX_REASON_LENGTH} 字`,
      en: `The reason may have at most ${MAX_REASON_LENGTH} characters`,
    });
  }

  // F-13: who may collect the child.
  const persons: PickupPersonInput[] = [];
  if (input.pickupPersons.length > MAX_PICKUP_PERSONS) {
    problems.push({
      path: 'pickupPersons',
      zh: `接送人最多 ${MAX_PICKUP_PERSONS} 位`,
      en: `At most ${MAX_PICKUP_PERSONS} pickup persons`,
    });
  }
  input.pickupPersons.forEach((p, i) => {
    const checked = checkPickupPerson(p, i);
    if (!checked.ok) problems.push(...checked.problems);
    else if (persons.some((q) => q.phone === checked.person.phone)) {
      problems.push({
        path: `pickupPersons.${i}.phone`,
        zh: `第 ${i + 1} 位接送人与前面的接送人手机号相同`,
        en: `Pickup person ${i + 1} has the same mobile as one above`,
      });
    } else persons.push(checked.person);
  });
  if (input.mayLeaveAlone && leaveAlone && !leaveAloneAllowed(leaveAlone.grade, leaveAlone.minGrade)) {
    problems.push({
      path: 'mayLeaveAlone',
      zh: `本地区规定 ${leaveAlone.minGrade} 年级及以上的学生才可自行离校，${leaveAlone.grade} 年级的孩子须由接送人接走`,
      en: `The region lets children leave alone from grade ${leaveAlone.minGrade}; a child in grade ${leaveAlone.grade} is collected by a pickup person`,
    });
  }
  // A child who may not leave alone must have someone to collect them.
  if (!input.mayLeaveAlone && input.pickupPersons.length === 0) {
    problems.push({
      path: 'pickupPersons',
      zh: '请至少填写一位接送人，或声明孩子可以自行离校',
      en: 'Name at least one pickup person, or state that the child may leave alone',
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    application: {
      weekdays: weekdays as Weekday[],
      departureBatch: batch,
      extendedCustody: input.extendedCustody,
      extendedCustodyReason: input.extendedCustody ? reason : null,
      mayLeaveAlone: input.mayLeaveAlone,
      pickupPersons: persons,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The application's life

export type ApplicationAction = 'approve' | 'waitlist' | 'withdraw';

// B 五(二) 学校审核: a submitted application is approved or waitlisted; a waitlisted one may be
// approved when a place frees up. B 四(一) 自愿参加: the guardian withdraws at any time, from any
// live state, with no reason asked. Withdrawn is final (a new application may follow).
const TRANSITIONS: Record<ApplicationStatus, Partial<Record<ApplicationAction, ApplicationStatus>>> = {
  submitted: { approve: 'approved', waitlist: 'waitlisted', withdraw: 'withdrawn' },
  waitlisted: { approve: 'approved', withdraw: 'withdrawn' },
  approved: { withdraw: 'withdrawn' },
  withdrawn: {},
};

export function nextStatus(from: ApplicationStatus, action: ApplicationAction): ApplicationStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

export function isLive(status: ApplicationStatus): boolean {
  return status !== 'withdrawn';
}

// ---------------------------------------------------------------------------------------------------
// Dates (school dates, Asia/Shanghai; `serviceDays` from calendar.ts with the school's no-service days)

// B 六(五) 课后服务统一启动时间: an approved child starts on the first service day after the approval
// day, and never before the term's unified start date. Null when no service day of the term is left.
export function enrollmentStartDate(input: {
  approvedOn: IsoDate;
  unifiedStartDate: IsoDate | null;
  serviceDays: readonly { date: IsoDate }[];
}): IsoDate | null {
  const afterApproval = addDays(input.approvedOn, 1);
  const from =
    input.unifiedStartDate !== null && input.unifiedStartDate > afterApproval
      ? input.unifiedStartDate
      : afterApproval;
  return input.serviceDays.find((d) => d.date >= from)?.date ?? null;
}

// F-06: a withdrawal takes effect from the next service day after the day it is asked for (today's
// afternoon may already be under way). When the term has no service day left, from tomorrow.
export function withdrawalEffectiveDate(input: {
  today: IsoDate;
  serviceDays: readonly { date: IsoDate }[];
}): IsoDate {
  return input.serviceDays.find((d) => d.date > input.today)?.date ?? addDays(input.today, 1);
}

// A paper form's date: not in the future, and not before the notice it agreed to was published.
export function checkPaperFormDate(input: {
  formDate: IsoDate;
  today: IsoDate;
  noticePublishedOn: IsoDate;
}): ApplicationProblem | null {
  if (input.formDate > input.today) {
    return { path: 'formDate', zh: '申请表日期不能晚于今天', en: 'The form’s date cannot be in the future' };
  }
  if (input.formDate < input.noticePublishedOn) {
    return {
      path: 'formDate',
      zh: '申请表日期早于服务公示发布日期',
      en: 'The form’s date is before the notice was published',
    };
  }
  return null;
}
