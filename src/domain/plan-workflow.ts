// The life of a school's term plan (一校一案, F-02): which checks refuse a save and which only block a
// submission, the status a plan moves through, the plan a school starts from, and what the plan page
// shows beside the form (service days, findings, projected labor cost). Pure: the server loads the
// term, the calendar and the policy and hands them here.
//
// B 六(五): 各校根据实际制定具体实施方案报市教育局审定 — the school writes and submits, the bureau
// returns it with comments or approves it; approval publishes the notice (B 五(一) 服务公示, F-05).

import {
  type CalendarOverride,
  type ExcludedDay,
  type ExclusionReason,
  type NoServiceDay,
  planTermDays,
  type Term,
  yearsAwaitingOfficialDates,
} from './calendar.js';
import { formatTime, type IsoDate, type Weekday } from './dates.js';
import { type ProjectedLaborCost, projectedLaborCost } from './fees.js';
import type { SavedArrangement } from './in-charge.js';
import { planServiceStart, type TermPlan } from './plan.js';
import { checkPlan, type Finding, type PlanRuleId } from './plan-check.js';
import { type RegionPolicy, requiredEndTime } from './policy.js';
import type { SchoolType } from './school.js';

export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'submitted', 'returned', 'approved'];

export type PlanAction = 'save' | 'submit' | 'return' | 'approve' | 'reopen';

// Who moves a plan where. The school edits a draft or a returned plan and submits it; the bureau
// returns a submitted plan with comments or approves it (B 六(五) 报市教育局审定). An approved plan is
// reopened by the school to amend it during the term (staff, venues, insurance change); its notice stays
// published until the amended plan is approved and publishes the next version.
const TRANSITIONS: Record<PlanAction, { from: readonly PlanStatus[]; to: PlanStatus | 'same' }> = {
  save: { from: ['draft', 'returned'], to: 'same' },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  reopen: { from: ['approved'], to: 'draft' },
};

// The status after the action, or null when the action is not open to a plan in that status.
export function nextStatus(status: PlanStatus, action: PlanAction): PlanStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return null;
  return t.to === 'same' ? status : t.to;
}

export function statusesAllowing(action: PlanAction): readonly PlanStatus[] {
  return TRANSITIONS[action].from;
}

// Findings that make the plan itself wrong, not merely short of the policy: a save is refused with the
// field named, nothing is stored. Everything else is a compliance finding, allowed in a draft, shown
// beside the form, and (as an error) blocking only the submission.
// - plan.invalid: a value missing or malformed (duplicate ids, dates in the wrong order…).
// - plan.unknown-reference: a session or group names a venue or person the plan does not list.
// - timetable.end-before-start: a session that ends before it starts is not a time.
// - timetable.overlap: one room or one person in two sessions at once cannot happen (A 三.1).
// - activity.unknown-kind: a kind no rule knows.
// A category or kind the server does not know at all is refused by the request schema before this. A
// known category the region does not allow (activity.unknown-category) is the region's policy, so it
// is a compliance finding: a plan copied from an earlier term must still open and save.
export const STRUCTURAL_RULES: ReadonlySet<PlanRuleId> = new Set<PlanRuleId>([
  'plan.invalid',
  'plan.unknown-reference',
  'timetable.end-before-start',
  'timetable.overlap',
  'activity.unknown-kind',
]);

export function isStructural(finding: Finding): boolean {
  return STRUCTURAL_RULES.has(finding.ruleId);
}

export function errorFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

// The plan a school starts from when it has none from an earlier term: the policy's weekdays (B 二
// 每周四个下午: Monday to Thursday, which the school changes to suit; C 1 每周5天), the earliest end time
// the policy allows in each season, the grades both the policy and the school have. Everything the
// school must state itself (timetable, venues, staff, contacts, insurance) starts empty, and the
// compliance check lists what is missing.
export function emptyTermPlan(policy: RegionPolicy, school: { grades: readonly number[] }): TermPlan {
  const weekdays = ([1, 2, 3, 4, 5] as const).slice(0, Math.max(1, Math.min(5, policy.daysPerWeek)));
  const both = policy.servedGrades.filter((g) => school.grades.includes(g));
  const grades = [...(both.length > 0 ? both : school.grades)].sort((a, b) => a - b);
  return {
    weekdays: [...weekdays] as Weekday[],
    timetable: [],
    endTimes: {
      summer: formatTime(requiredEndTime(policy, 'summer')),
      other: formatTime(requiredEndTime(policy, 'other')),
    },
    departureBatches: [],
    grades,
    expectedStudents: null,
    venues: [],
    staff: [],
    groups: [],
    emergencyContacts: [],
    principalOfficePhone: '',
    insurance: [],
  };
}

// ---------------------------------------------------------------------------------------------------
// What the plan page shows

export interface ExcludedDayView {
  date: IsoDate;
  weekday: Weekday;
  reason: ExclusionReason;
  label: { zh: string; en: string };
}

export interface ServiceDaySummary {
  count: number;
  firstDay: IsoDate | null;
  lastDay: IsoDate | null;
  bySeason: { summer: number; other: number };
  // Every date of the term that is not a service day, except plain weekends (counted only).
  excluded: ExcludedDayView[];
  weekendDays: number;
  // The make-up working days (调休, a Saturday or Sunday that is a working day) the plan serves, with
  // the weekday whose timetable runs (null: the calendar's default, served because the plan serves
  // every weekday). They are service days above; listed so that a form redoing the days can count
  // them as the server does.
  makeUpDays: { date: IsoDate; weekday: Weekday; timetableWeekday: Weekday | null }[];
  yearsLackingData: number[];
  yearsAwaitingOfficialDates: number[];
}

function exclusionLabel(reason: ExclusionReason): { zh: string; en: string } {
  switch (reason.kind) {
    case 'holiday': {
      const provisional = reason.source === 'provisional';
      return {
        zh: `${reason.name ?? '节假日'}${provisional ? '（暂定）' : ''}`,
        en: `${reason.name ?? 'Holiday'}${provisional ? ' (provisional)' : ''}`,
      };
    }
    case 'weekend':
      return { zh: '周末', en: 'Weekend' };
    case 'weekday_not_served':
      return { zh: '方案不在这天服务', en: 'The plan does not serve this weekday' };
    case 'make_up_day_not_served':
      return {
        zh: `调休上班日${reason.name ? `（${reason.name}）` : ''}，方案未安排服务`,
        en: `Make-up working day${reason.name ? ` (${reason.name})` : ''} the plan does not serve`,
      };
    case 'no_service_day':
      return { zh: `学校停课：${reason.reason}`, en: `No service at the school: ${reason.reason}` };
  }
}

export function serviceDaySummary(
  days: {
    serviceDays: readonly {
      date: IsoDate;
      weekday: Weekday;
      season: 'summer' | 'other';
      timetableWeekday: Weekday | null;
    }[];
  } & {
    excludedDays: readonly ExcludedDay[];
    yearsLackingData: readonly number[];
  },
  awaiting: readonly number[],
): ServiceDaySummary {
  const served = days.serviceDays;
  return {
    count: served.length,
    firstDay: served[0]?.date ?? null,
    lastDay: served[served.length - 1]?.date ?? null,
    bySeason: {
      summer: served.filter((d) => d.season === 'summer').length,
      other: served.filter((d) => d.season === 'other').length,
    },
    excluded: days.excludedDays
      .filter((d) => d.reason.kind !== 'weekend')
      .map((d) => ({ ...d, label: exclusionLabel(d.reason) })),
    weekendDays: days.excludedDays.filter((d) => d.reason.kind === 'weekend').length,
    // A plain Saturday or Sunday is never a service day (the calendar calls it a weekend whatever the
    // plan's weekdays), so a served one is a make-up working day.
    makeUpDays: served
      .filter((d) => d.weekday >= 6)
      .map((d) => ({ date: d.date, weekday: d.weekday, timetableWeekday: d.timetableWeekday })),
    yearsLackingData: [...days.yearsLackingData],
    yearsAwaitingOfficialDates: [...awaiting],
  };
}

export interface PlanEvaluationInput {
  policy: RegionPolicy;
  plan: TermPlan;
  // With the region's unified start date (B 六(五)), when it set one.
  term: Term & { unifiedStartDate?: IsoDate | null };
  // The school's saved grouping and duty rota for the term (in-charge.ts), when any.
  arrangement?: SavedArrangement | null;
  overrides: readonly CalendarOverride[];
  noServiceDays: readonly NoServiceDay[];
  school: { type: SchoolType; grades: readonly number[] };
  // 0 until enrollment exists (F-06).
  enrolledStudents: number;
  today: IsoDate;
}

export interface PlanEvaluation {
  findings: Finding[];
  serviceDays: ServiceDaySummary;
  laborCost: ProjectedLaborCost;
}

// The plan against its term and policy: the planned service days (F-04: the term, the plan's weekdays,
// the region's calendar, the school's no-service days, the policy's summer season), the compliance
// findings (F-03) and the projected labor cost (B 五(三), every listed staff member on every day).
export function evaluatePlan(input: PlanEvaluationInput): PlanEvaluation {
  const { policy, plan } = input;
  const days = planTermDays({
    term: { firstDay: planServiceStart(input.term, plan), lastDay: input.term.lastDay },
    plan,
    policy,
    overrides: input.overrides,
    noServiceDays: input.noServiceDays,
  });
  const awaiting = yearsAwaitingOfficialDates(input.term, input.overrides);
  const findings = checkPlan(policy, plan, {
    serviceDays: days.serviceDays.map((d) => ({ date: d.date, weekday: d.weekday, season: d.season })),
    schoolType: input.school.type,
    schoolGrades: input.school.grades,
    enrolledStudents: input.enrolledStudents,
    today: input.today,
    yearsAwaitingOfficialDates: awaiting,
    unifiedStartDate: input.term.unifiedStartDate ?? null,
    arrangement: input.arrangement ?? null,
  });
  return {
    findings,
    serviceDays: serviceDaySummary(days, awaiting),
    laborCost: projectedLaborCost(
      { plannedDays: days.serviceDays.length, staffCount: plan.staff.length },
      policy,
    ),
  };
}
