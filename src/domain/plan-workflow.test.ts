import { describe, expect, it } from 'vitest';
import { sampleTermPlan } from '../../test/sample-plan.js';
import { PLAN_RULE_IDS, PLAN_RULES } from './plan-check.js';
import {
  emptyTermPlan,
  evaluatePlan,
  nextStatus,
  PLAN_STATUSES,
  type PlanAction,
  STRUCTURAL_RULES,
} from './plan-workflow.js';
import { defaultPolicy } from './policy.js';

const plan = sampleTermPlan;

const school = { type: 'primary' as const, grades: [1, 2, 3, 4, 5, 6] };

describe('plan status (B 六(五) 报市教育局审定)', () => {
  const table: Record<PlanAction, Partial<Record<(typeof PLAN_STATUSES)[number], string>>> = {
    save: { draft: 'draft', returned: 'returned' },
    submit: { draft: 'submitted', returned: 'submitted' },
    return: { submitted: 'returned' },
    approve: { submitted: 'approved' },
    reopen: { approved: 'draft' },
  };
  for (const [action, allowed] of Object.entries(table) as [PlanAction, Record<string, string>][]) {
    for (const status of PLAN_STATUSES) {
      it(`${action} from ${status} → ${allowed[status] ?? 'refused'}`, () => {
        expect(nextStatus(status, action)).toBe(allowed[status] ?? null);
      });
    }
  }
});

describe('structural rules', () => {
  it('are errors of the rule table', () => {
    for (const id of STRUCTURAL_RULES) {
      expect(PLAN_RULE_IDS).toContain(id);
      expect(PLAN_RULES[id].severity).toBe('error');
    }
  });
  it('leave the compliance rules to the live findings', () => {
    for (const id of ['days.too-few', 'end.too-early', 'activity.forbidden-kind', 'insurance.uncovered'])
      expect(STRUCTURAL_RULES.has(id as never)).toBe(false);
  });
});

describe('the plan a school starts from', () => {
  it('pilot-4: four afternoons, the seasons’ end times, grades 1–2 of the school', () => {
    const p = emptyTermPlan(defaultPolicy('pilot-4'), school);
    expect(p.weekdays).toEqual([1, 2, 3, 4]);
    expect(p.endTimes).toEqual({ summer: '18:00', other: '17:30' });
    expect(p.grades).toEqual([1, 2]);
    expect(p.timetable).toEqual([]);
  });
  it('5+2: five days, off-work time + 30 minutes, every grade of the school', () => {
    const p = emptyTermPlan(defaultPolicy('5+2'), { grades: [7, 8, 9] });
    expect(p.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(p.endTimes).toEqual({ summer: '18:00', other: '18:00' });
    expect(p.grades).toEqual([7, 8, 9]);
  });
  it('falls back to the school’s grades when the policy serves none of them', () => {
    expect(emptyTermPlan(defaultPolicy('pilot-4'), { grades: [7, 8, 9] }).grades).toEqual([7, 8, 9]);
  });
  it('has only compliance findings, so it can be saved as it is', () => {
    const policy = defaultPolicy('5+2');
    const { findings } = evaluatePlan({
      policy,
      plan: emptyTermPlan(policy, school),
      term: { firstDay: '2026-09-01', lastDay: '2027-01-22' },
      overrides: [],
      noServiceDays: [],
      school,
      enrolledStudents: 0,
      today: '2026-08-30',
    });
    expect(findings.filter((f) => STRUCTURAL_RULES.has(f.ruleId))).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('hours.too-few');
  });
});

describe('evaluatePlan', () => {
  const policy = defaultPolicy('5+2');
  const autumn = { firstDay: '2026-09-01', lastDay: '2027-01-22' };

  it('counts the service days of an autumn term with the National Day week and a school exam day', () => {
    const result = evaluatePlan({
      policy,
      plan: plan(),
      term: autumn,
      overrides: [],
      noServiceDays: [{ date: '2026-11-12', reason: '期中考试' }],
      school,
      enrolledStudents: 0,
      today: '2026-08-30',
    });
    const s = result.serviceDays;
    expect(s.firstDay).toBe('2026-09-01');
    expect(s.lastDay).toBe('2027-01-22');
    expect(s.bySeason.summer + s.bySeason.other).toBe(s.count);
    // 2026-09-01..09-30 is summer time by default: 22 weekdays, none a holiday.
    expect(s.bySeason.summer).toBe(22);
    expect(s.excluded.find((d) => d.date === '2026-10-01')?.label.zh).toBe('国庆节');
    expect(s.excluded.find((d) => d.date === '2026-11-12')?.label.zh).toBe('学校停课：期中考试');
    expect(s.excluded.some((d) => d.reason.kind === 'weekend')).toBe(false);
    // 2027 is past the holiday package: flagged, and its 元旦 is provisional.
    expect(s.yearsLackingData).toEqual([2027]);
    expect(s.yearsAwaitingOfficialDates).toEqual([2027]);
    expect(s.excluded.find((d) => d.date === '2027-01-01')?.label.zh).toBe('元旦（暂定）');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['calendar.provisional-holidays']);
    // B 五(三): 2 staff × days × 2 class hours × 50 yuan (5+2 counts 2 class hours a day).
    expect(result.laborCost.totalFen).toBe(2 * s.count * 2 * 5000);
  });

  it('drops the provisional warning once the region confirms every statutory holiday of 2027', () => {
    const confirmed = ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].concat([
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    const result = evaluatePlan({
      policy,
      plan: plan(),
      term: autumn,
      overrides: confirmed.map((date) => ({ date, kind: 'holiday', name: '假日', confirmed: true })),
      noServiceDays: [],
      school,
      enrolledStudents: 0,
      today: '2026-08-30',
    });
    expect(result.serviceDays.yearsAwaitingOfficialDates).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('uses the policy’s summer season for each day', () => {
    const result = evaluatePlan({
      policy: { ...policy, summerSeason: { from: '05-01', to: '09-15' } },
      plan: plan(),
      term: autumn,
      overrides: [],
      noServiceDays: [],
      school,
      enrolledStudents: 0,
      today: '2026-08-30',
    });
    expect(result.serviceDays.bySeason.summer).toBe(11);
  });

  // B 六(五) 课后服务统一启动时间: the term (2026-09-01) begins before the unified start (09-07).
  const withStart = { ...autumn, unifiedStartDate: '2026-09-07' };
  const evaluateFrom = (startsOn?: string | null) =>
    evaluatePlan({
      policy,
      plan: { ...plan(), ...(startsOn === undefined ? {} : { startsOn }) },
      term: withStart,
      overrides: [],
      noServiceDays: [],
      school,
      enrolledStudents: 0,
      today: '2026-08-30',
    });

  it('counts service days from the unified start date when the plan states no start', () => {
    for (const result of [evaluateFrom(), evaluateFrom(null)]) {
      expect(result.serviceDays.firstDay).toBe('2026-09-07');
      expect(result.findings.map((f) => f.ruleId)).toEqual(['calendar.provisional-holidays']);
    }
  });

  it("counts from the plan's own start: on the unified start date fine, a day before a finding", () => {
    expect(evaluateFrom('2026-09-07').findings.map((f) => f.ruleId)).not.toContain(
      'days.before-unified-start',
    );
    const early = evaluateFrom('2026-09-04');
    expect(early.serviceDays.firstDay).toBe('2026-09-04');
    expect(early.findings.map((f) => [f.ruleId, f.clause])).toContainEqual([
      'days.before-unified-start',
      'B 六(五)',
    ]);
    // A later start is the school's to choose.
    expect(evaluateFrom('2026-09-14').serviceDays.firstDay).toBe('2026-09-14');
    // Before the term: its first day.
    expect(evaluateFrom('2026-08-01').serviceDays.firstDay).toBe('2026-09-01');
  });
});
