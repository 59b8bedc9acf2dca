// Property tests of checkPlan: a generator builds plans that satisfy a (randomly varied) region
// policy, which must give no error; one mutation from the list below breaks one rule, which must
// give that rule's finding and no other error.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  eachDate,
  formatTime,
  fromDayNumber,
  type IsoDate,
  isoDate,
  type Minutes,
  toDayNumber,
  type Weekday,
  weekdayOf,
} from './dates.js';
import type { SavedGroup } from './in-charge.js';
import type { InsuranceKind, InsurancePolicy, PlanSession, TermPlan } from './plan.js';
import {
  checkPlan,
  PLAN_RULE_IDS,
  PLAN_RULES,
  type PlanCheckContext,
  type PlanRuleId,
} from './plan-check.js';
import {
  classHourMinutesFor,
  defaultPolicy,
  type RegionPolicy,
  requiredEndTime,
  SEASONS,
  type Season,
  type ServiceModel,
  seasonOn,
} from './policy.js';
import { GRADE_RANGE, type SchoolType } from './school.js';
import { staffingQuota } from './staffing-quota.js';

type Gen = fc.GeneratorValue;

interface Scenario {
  policy: RegionPolicy;
  plan: TermPlan;
  context: PlanCheckContext;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const PHONES = ['13800138000', '0755-12345678', '020-1234567-801', '+86 139 0000 1111', '400-123-4567'];

function buildScenario(g: Gen): Scenario {
  // ---- A region policy: a built-in model with its numbers varied within sense.
  const model: ServiceModel = g(fc.constantFrom, 'pilot-4', '5+2');
  const policy = defaultPolicy(model);
  policy.daysPerWeek = g(fc.integer, { min: 1, max: 5 });
  policy.minClassHoursPerDayTenths = g(fc.integer, { min: 5, max: 20 });
  policy.summerSeason = {
    from: isoDate(2000, 4, g(fc.integer, { min: 1, max: 30 })).slice(5),
    to: isoDate(2000, 9, g(fc.integer, { min: 1, max: 30 })).slice(5),
  };
  const clock = () => formatTime(g(fc.integer, { min: 16 * 60 + 30, max: 18 * 60 + 30 }));
  policy.endTimes = { summer: clock(), other: clock() };
  policy.offWorkTimes = { summer: clock(), other: clock() };
  policy.staffing.studentsPerTeacher = g(fc.integer, { min: 20, max: 40 });

  // ---- The school and the grades served.
  const schoolType: SchoolType = g(fc.constantFrom, 'primary', 'junior_middle', 'nine_year');
  const [low, high] = GRADE_RANGE[schoolType];
  const schoolGrades = range(low, high);
  let candidates = policy.servedGrades.filter((x) => schoolGrades.includes(x));
  if (candidates.length === 0) {
    policy.servedGrades = [...schoolGrades];
    candidates = schoolGrades;
  }
  const grades = g(fc.subarray, candidates, { minLength: 1 });

  // ---- The term: service days on the plan's weekdays, some dropped (holidays, exams).
  const weekdays = g(fc.subarray, [1, 2, 3, 4, 5] as Weekday[], { minLength: policy.daysPerWeek });
  const termStart = fromDayNumber(
    g(fc.integer, { min: toDayNumber('2025-01-01'), max: toDayNumber('2027-12-31') }),
  );
  const termDates = eachDate(termStart, addDays(termStart, g(fc.integer, { min: 7, max: 150 })));
  const onWeekdays = termDates.filter((d) => weekdays.includes(weekdayOf(d)));
  const dates = g(fc.subarray, onWeekdays, { minLength: 1 });
  const serviceDays = dates.map((date) => ({
    date,
    weekday: weekdayOf(date),
    season: seasonOn(policy, date),
  }));
  const firstDay = dates[0] as IsoDate;
  const lastDay = dates[dates.length - 1] as IsoDate;
  const today = addDays(firstDay, -g(fc.integer, { min: 0, max: 30 }));

  // ---- Staff and venues, enough for the quota, documents in force through the term.
  const enrolledStudents = g(fc.integer, { min: 0, max: 240 });
  const expected = g(fc.option, fc.integer({ min: 0, max: 240 }), { nil: null });
  const quotaFor = (n: number) => staffingQuota(n, policy.staffing);
  const quota = [quotaFor(enrolledStudents), quotaFor(expected ?? 0)];
  const teachers = Math.max(1, ...quota.map((q) => q.teachers)) + g(fc.integer, { min: 0, max: 2 });
  const managers = Math.max(...quota.map((q) => q.managers)) + g(fc.integer, { min: 0, max: 1 });
  const staff = range(1, teachers + managers).map((n) => ({
    id: `s${n}`,
    name: `教师${n}`,
    role: n <= teachers ? ('teacher' as const) : ('manager' as const),
    responsibilityLetter: {
      signedOn: addDays(today, -g(fc.integer, { min: 0, max: 200 })),
      validUntil: addDays(lastDay, g(fc.integer, { min: 0, max: 100 })),
    },
  }));
  const venues = range(1, g(fc.integer, { min: 1, max: 3 })).map((n) => ({
    id: `v${n}`,
    name: `场地${n}`,
    capacity: g(fc.integer, { min: 1, max: 200 }),
    safetyInspection: {
      passedOn: addDays(today, -g(fc.integer, { min: 0, max: 100 })),
      validUntil: addDays(lastDay, g(fc.integer, { min: 0, max: 60 })),
    },
  }));
  const staffIds = staff.map((s) => s.id);
  const venueIds = venues.map((v) => v.id);

  // ---- The timetable: one track of sessions in a row reaching the minimum class hours, ending
  // at least 10 minutes before the earliest end time, perhaps one session beside it (another
  // venue, other staff) and sessions on some weekdays only after it.
  const classHour = classHourMinutesFor(policy, grades);
  const needed = Math.ceil((policy.minClassHoursPerDayTenths * classHour) / 10);
  const latest = Math.min(...SEASONS.map((s) => requiredEndTime(policy, s))) - 10;
  const activity = () => ({
    activity: g(fc.constantFrom, '自主阅读', '完成作业', '足球', '合唱', '科技小制作', '书法社团'),
    category: g(fc.constantFrom, ...policy.activityCategories),
    kind: g(fc.constantFrom, 'supervised_study', 'guidance', 'activity'),
  });
  const timetable: PlanSession[] = [];
  let cursor = g(fc.integer, { min: 13 * 60, max: 14 * 60 + 30 });
  const serviceStart = cursor;
  let total = 0;
  while (total < needed) {
    const length = Math.min(
      g(fc.integer, { min: 15, max: 50 }),
      needed - total + g(fc.integer, { min: 0, max: 5 }),
    );
    timetable.push({
      start: formatTime(cursor),
      end: formatTime(cursor + length),
      ...activity(),
      venueId: g(fc.constantFrom, ...venueIds),
      staffIds: g(fc.subarray, staffIds, { minLength: 1, maxLength: Math.min(3, staffIds.length) }),
    });
    total += length;
    cursor += length + g(fc.integer, { min: 0, max: 5 });
  }
  const beside = timetable[g(fc.integer, { min: 0, max: timetable.length - 1 })] as PlanSession;
  const otherVenues = venueIds.filter((v) => v !== beside.venueId);
  const otherStaff = staffIds.filter((s) => !beside.staffIds.includes(s));
  if (otherVenues.length > 0 && otherStaff.length > 0 && g(fc.boolean))
    timetable.push({
      ...beside,
      ...activity(),
      venueId: g(fc.constantFrom, ...otherVenues),
      staffIds: g(fc.subarray, otherStaff, { minLength: 1 }),
    });
  if (latest - cursor >= 10 && g(fc.boolean))
    timetable.push({
      weekdays: g(fc.subarray, weekdays, { minLength: 1 }),
      start: formatTime(cursor),
      end: formatTime(g(fc.integer, { min: cursor + 5, max: latest })),
      ...activity(),
      venueId: g(fc.constantFrom, ...venueIds),
      staffIds: g(fc.subarray, staffIds, { minLength: 1 }),
    });

  // ---- End times, batches, groups, contacts and insurance.
  const endTimes = Object.fromEntries(
    SEASONS.map((s) => [s, formatTime(requiredEndTime(policy, s) + g(fc.integer, { min: 0, max: 30 }))]),
  ) as Record<Season, string>;
  const departureBatches = range(1, g(fc.integer, { min: 0, max: 3 })).map((n) => ({
    name: `第${n}批`,
    time: formatTime(g(fc.integer, { min: serviceStart, max: latest })),
    ...(g(fc.boolean) ? { seasons: g(fc.subarray, [...SEASONS], { minLength: 1 }) } : {}),
  }));
  const groups = range(1, g(fc.integer, { min: 0, max: 3 })).map((n) => ({
    id: `g${n}`,
    name: `${n}组`,
    grades: g(fc.subarray, grades, { minLength: 1 }),
    venueId: g(fc.option, fc.constantFrom(...venueIds), { nil: null }),
    teacherId: g(fc.constantFrom, ...staffIds),
  }));
  const cover = (kind: InsuranceKind): InsurancePolicy[] => {
    const from = addDays(firstDay, -g(fc.integer, { min: 0, max: 100 }));
    const to = addDays(lastDay, g(fc.integer, { min: 0, max: 100 }));
    const base = { kind, insurer: '人保', number: `${kind}-1` };
    if (from === to || !g(fc.boolean)) return [{ ...base, coverFrom: from, coverTo: to }];
    // Two policies in a row, the second from the day after the first ends.
    const split = addDays(from, g(fc.integer, { min: 0, max: toDayNumber(to) - toDayNumber(from) - 1 }));
    return [
      { ...base, coverFrom: from, coverTo: split },
      { ...base, number: `${kind}-2`, coverFrom: addDays(split, 1), coverTo: to },
    ];
  };

  const plan: TermPlan = {
    weekdays,
    timetable,
    endTimes,
    departureBatches,
    grades,
    expectedStudents: expected,
    venues,
    staff,
    groups,
    emergencyContacts: range(1, g(fc.integer, { min: 1, max: 2 })).map((n) => ({
      name: `联系人${n}`,
      role: '值日总护导',
      phone: g(fc.constantFrom, ...PHONES),
    })),
    principalOfficePhone: g(fc.constantFrom, ...PHONES),
    insurance: [...cover('school_liability'), ...cover('student_accident')],
  };
  return { policy, plan, context: { serviceDays, schoolType, schoolGrades, enrolledStudents, today } };
}

// ---------------------------------------------------------------------------------------------
// One mutation per rule: it breaks that rule and nothing else that is an error. null: the
// generated plan has no room for it (e.g. a term of one service day cannot lapse).

type Mutation = (s: Scenario, g: Gen) => Scenario | null;

const main = (s: Scenario) => s.plan.timetable[0] as PlanSession;
const presentSeasons = (s: Scenario) =>
  SEASONS.filter((x) => s.context.serviceDays.some((d) => d.season === x));
const upcoming = (s: Scenario) => s.context.serviceDays.filter((d) => d.date >= s.context.today);
const secondToLast = (s: Scenario) => upcoming(s)[upcoming(s).length - 2]?.date;
const earliestStart = (s: Scenario) => Math.min(...s.plan.timetable.map((t) => toMinutes(t.start)));
const toMinutes = (hhmm: string): Minutes => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

// The saved grouping as the plan has it: its groups on every weekday it serves, led by their teachers.
const savedAsPlanned = (s: Scenario): SavedGroup[] =>
  s.plan.weekdays.flatMap((weekday) =>
    s.plan.groups.map((g) => {
      const teacher = s.plan.staff.find((p) => p.id === g.teacherId);
      return {
        weekday,
        name: g.name,
        grades: g.grades,
        venueId: g.venueId ?? null,
        leader: teacher ? { id: teacher.id, name: teacher.name } : null,
      };
    }),
  );
const extraGroup = (s: Scenario): SavedGroup => {
  const p = s.plan.staff[0] as TermPlan['staff'][0];
  return {
    weekday: s.plan.weekdays[0] as Weekday,
    name: '加开组',
    grades: [...s.plan.grades],
    venueId: null,
    leader: { id: p.id, name: p.name },
  };
};

const MUTATIONS: Record<PlanRuleId, Mutation> = {
  'plan.invalid': (s) => {
    (s.plan.venues[0] as TermPlan['venues'][0]).capacity = 0;
    return s;
  },
  'plan.unknown-reference': (s) => {
    main(s).venueId = 'nowhere';
    return s;
  },
  'days.too-few': (s) => {
    s.plan.weekdays = s.plan.weekdays.slice(0, s.policy.daysPerWeek - 1);
    return s;
  },
  'days.weekend': (s, g) => {
    const weekend: Weekday = g(fc.constantFrom, 6, 7);
    s.plan.weekdays.push(weekend);
    return s;
  },
  'hours.too-few': (s) => {
    const needed = Math.ceil(
      (s.policy.minClassHoursPerDayTenths * classHourMinutesFor(s.policy, s.plan.grades)) / 10,
    );
    const start = toMinutes(main(s).start);
    s.plan.timetable = [{ ...main(s), start: formatTime(start), end: formatTime(start + needed - 1) }];
    return s;
  },
  'end.too-early': (s, g) => {
    const season: Season = g(fc.constantFrom, ...presentSeasons(s));
    s.plan.endTimes[season] = formatTime(requiredEndTime(s.policy, season) - 1);
    return s;
  },
  'timetable.end-before-start': (s) => {
    s.plan.timetable.push({ ...main(s), start: main(s).end, end: main(s).start });
    return s;
  },
  'timetable.overlap': (s) => {
    s.plan.timetable.push({ ...main(s) });
    return s;
  },
  'timetable.after-end': (s) => {
    const end = Math.min(...presentSeasons(s).map((x) => toMinutes(s.plan.endTimes[x])));
    s.plan.timetable.push({ ...main(s), start: formatTime(end - 5), end: formatTime(end + 5) });
    return s;
  },
  'timetable.no-staff': (s) => {
    main(s).staffIds = [];
    return s;
  },
  'timetable.weekday-not-served': (s) => {
    main(s).weekdays = [...s.plan.weekdays, 6];
    return s;
  },
  'activity.forbidden-kind': (s, g) => {
    main(s).kind = g(fc.constantFrom, ...s.policy.forbiddenKinds);
    return s;
  },
  'activity.unknown-category': (s) => {
    main(s).category = 'cooking';
    return s;
  },
  'activity.unknown-kind': (s) => {
    main(s).kind = 'lecture';
    return s;
  },
  'activity.name-suggests-tutoring': (s) => {
    main(s).activity = '数学补课';
    return s;
  },
  'grades.not-served': (s) => {
    const [grade] = s.plan.grades;
    s.policy.servedGrades = s.policy.servedGrades.filter((x) => x !== grade);
    if (s.policy.servedGrades.length === 0) s.policy.servedGrades = [grade === 1 ? 2 : 1];
    return s;
  },
  'grades.not-in-school': (s) => {
    const [grade] = s.plan.grades;
    s.context = { ...s.context, schoolGrades: s.context.schoolGrades.filter((x) => x !== grade) };
    return s;
  },
  'group.grade-not-in-plan': (s) => {
    const outside = range(1, 9).find((x) => !s.plan.grades.includes(x));
    if (outside === undefined) return null;
    s.plan.groups.push({
      id: 'gx',
      name: '混合组',
      grades: [outside],
      teacherId: (s.plan.staff[0] as { id: string }).id,
    });
    return s;
  },
  'group.no-teacher': (s) => {
    s.plan.groups.push({ id: 'gx', name: '新组', grades: [s.plan.grades[0] as number], teacherId: null });
    return s;
  },
  'staffing.below-quota': (s) => {
    const teachers = s.plan.staff.filter((p) => p.role === 'teacher').length;
    s.context = { ...s.context, enrolledStudents: (teachers + 1) * s.policy.staffing.studentsPerTeacher };
    return s;
  },
  'staffing.below-quota-expected': (s) => {
    const teachers = s.plan.staff.filter((p) => p.role === 'teacher').length;
    s.context = { ...s.context, enrolledStudents: 0 };
    s.plan.expectedStudents = (teachers + 1) * s.policy.staffing.studentsPerTeacher;
    return s;
  },
  'venue.inspection': (s) => {
    (s.plan.venues[0] as TermPlan['venues'][0]).safetyInspection = null;
    return s;
  },
  'venue.inspection-lapses': (s) => {
    const until = secondToLast(s);
    const inspection = s.plan.venues[0]?.safetyInspection;
    if (!until || !inspection) return null;
    inspection.validUntil = until;
    return s;
  },
  'staff.letter': (s) => {
    (s.plan.staff[0] as TermPlan['staff'][0]).responsibilityLetter = null;
    return s;
  },
  'staff.letter-lapses': (s) => {
    const until = secondToLast(s);
    const letter = s.plan.staff[0]?.responsibilityLetter;
    if (!until || !letter) return null;
    letter.validUntil = until;
    return s;
  },
  'insurance.uncovered': (s, g) => {
    const kind: InsuranceKind = g(fc.constantFrom, 'school_liability', 'student_accident');
    s.plan.insurance = s.plan.insurance.filter((p) => p.kind !== kind);
    return s;
  },
  'insurance.lapses': (s, g) => {
    const until = secondToLast(s);
    if (!until) return null;
    const kind: InsuranceKind = g(fc.constantFrom, 'school_liability', 'student_accident');
    const from = s.plan.insurance.find((p) => p.kind === kind)?.coverFrom as IsoDate;
    s.plan.insurance = [
      ...s.plan.insurance.filter((p) => p.kind !== kind),
      { kind, insurer: '平安', number: 'short', coverFrom: from, coverTo: until },
    ];
    return s;
  },
  'departure.outside-service': (s) => {
    s.plan.departureBatches.push({ name: '过早', time: formatTime(earliestStart(s) - 1) });
    return s;
  },
  'departure.none': (s) => {
    if (s.policy.model !== '5+2') return null;
    s.plan.departureBatches = [];
    return s;
  },
  'contacts.emergency': (s) => {
    s.plan.emergencyContacts = [];
    return s;
  },
  'contacts.principal-phone': (s) => {
    s.plan.principalOfficePhone = '12345';
    return s;
  },
  'days.before-unified-start': (s) => {
    const first = s.context.serviceDays[0];
    if (!first) return null;
    s.context = { ...s.context, unifiedStartDate: addDays(first.date, 1) };
    return s;
  },
  'charge.group-count': (s) => {
    s.context = { ...s.context, arrangement: { groups: [...savedAsPlanned(s), extraGroup(s)], duties: [] } };
    return s;
  },
  'charge.leader-not-in-plan': (s) => {
    const groups = savedAsPlanned(s);
    const first = groups[0];
    if (!first) return null;
    groups[0] = { ...first, leader: { id: 'outsider', name: '外校老师' } };
    s.context = { ...s.context, arrangement: { groups, duties: [] } };
    return s;
  },
  'charge.plan-teacher-leads-none': (s) => {
    const someone = s.plan.staff[0] as TermPlan['staff'][0];
    if (s.plan.groups.every((g) => g.teacherId === someone.id)) return null;
    const groups = savedAsPlanned(s).map((g) => ({ ...g, leader: { id: someone.id, name: someone.name } }));
    s.context = { ...s.context, arrangement: { groups, duties: [] } };
    return s;
  },
  'charge.manager-not-in-plan': (s) => {
    const weekday = s.plan.weekdays[0] as Weekday;
    const person = { id: 'outsider', name: '外校主任' };
    s.context = { ...s.context, arrangement: { groups: [], duties: [{ weekday, duty: 'manager', person }] } };
    return s;
  },
  'calendar.no-service-days': (s) => {
    s.context = { ...s.context, serviceDays: [] };
    return s;
  },
  'calendar.provisional-holidays': (s) => {
    s.context = { ...s.context, yearsAwaitingOfficialDates: [2027] };
    return s;
  },
};

describe('checkPlan properties', () => {
  it('finds no error in any plan built to satisfy the policy', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { policy, plan, context } = buildScenario(g);
        const errors = checkPlan(policy, plan, context).filter((f) => f.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('has a mutation for every rule', () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual([...PLAN_RULE_IDS].sort());
  });

  it.each(PLAN_RULE_IDS)('a single violation of %s yields that rule and no other error', (ruleId) => {
    let applied = 0;
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const scenario = (MUTATIONS[ruleId] as Mutation)(structuredClone(buildScenario(g)), g);
        if (!scenario) return;
        applied++;
        const findings = checkPlan(scenario.policy, scenario.plan, scenario.context);
        expect(findings.map((f) => f.ruleId)).toContain(ruleId);
        const errors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId));
        expect([...errors]).toEqual(PLAN_RULES[ruleId].severity === 'error' ? [ruleId] : []);
      }),
      { numRuns: 60 },
    );
    expect(applied).toBeGreaterThan(10);
  });
});
