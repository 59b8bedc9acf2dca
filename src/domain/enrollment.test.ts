import { describe, expect, it } from 'vitest';
import { sampleTermPlan } from '../../test/sample-plan.js';
import { serviceDays } from './calendar.js';
import {
  type ApplicationInput,
  type ApplicationStatus,
  checkApplication,
  checkPaperFormDate,
  checkPickupPerson,
  enrollmentStartDate,
  gradeIsServed,
  leaveAloneAllowed,
  MAX_PICKUP_PERSONS,
  nextStatus,
  withdrawalEffectiveDate,
} from './enrollment.js';

// A pilot-style notice (B 二: 每周四个下午, no Wednesday) with the seeds' batches.
const notice = sampleTermPlan({ weekdays: [1, 2, 4, 5], grades: [1, 2] });
const person = { name: '王丽华', relation: '母亲', phone: '139 1000 0001' };
const input = (over: Partial<ApplicationInput> = {}): ApplicationInput => ({
  weekdays: [1, 2],
  departureBatch: '第一批',
  extendedCustody: false,
  extendedCustodyReason: null,
  mayLeaveAlone: false,
  pickupPersons: [person],
  ...over,
});
const problems = (over: Partial<ApplicationInput>) => {
  const r = checkApplication(input(over), notice);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe('checkApplication (F-06 against the notice)', () => {
  it('accepts a subset of the notice’s weekdays, sorted and unique, with mobiles in stored form', () => {
    const r = checkApplication(input({ weekdays: [5, 1, 5], departureBatch: ' 第二批 ' }), notice);
    expect(r).toEqual({
      ok: true,
      application: {
        weekdays: [1, 5],
        departureBatch: '第二批',
        extendedCustody: false,
        extendedCustodyReason: null,
        mayLeaveAlone: false,
        pickupPersons: [{ name: '王丽华', relation: '母亲', phone: '13910000001' }],
      },
    });
  });

  it('refuses no day, and a day the school does not serve (B 二: Wednesday is not in this notice)', () => {
    expect(problems({ weekdays: [] })).toEqual(['weekdays']);
    expect(problems({ weekdays: [1, 3] })).toEqual(['weekdays']);
    expect(problems({ weekdays: [6] })).toEqual(['weekdays']);
    expect(problems({ weekdays: [1, 2, 4, 5] })).toEqual([]);
  });

  it('refuses a departure batch that is not in the notice (C 2 弹性离校)', () => {
    expect(problems({ departureBatch: '第三批' })).toEqual(['departureBatch']);
  });

  it('requires a reason for extended custody (C 延时托管) and keeps none without it', () => {
    expect(problems({ extendedCustody: true, extendedCustodyReason: '  ' })).toEqual([
      'extendedCustodyReason',
    ]);
    const r = checkApplication(input({ extendedCustody: true, extendedCustodyReason: ' 夜班 ' }), notice);
    expect(r.ok && r.application.extendedCustodyReason).toBe('夜班');
    const without = checkApplication(input({ extendedCustodyReason: '夜班' }), notice);
    expect(without.ok && without.application.extendedCustodyReason).toBeNull();
    expect(problems({ extendedCustody: true, extendedCustodyReason: 'x'.repeat(201) })).toEqual([
      'extendedCustodyReason',
    ]);
  });

  it('needs a pickup person unless the guardian states the child may leave alone', () => {
    expect(problems({ pickupPersons: [] })).toEqual(['pickupPersons']);
    expect(problems({ pickupPersons: [], mayLeaveAlone: true })).toEqual([]);
  });

  it('checks each pickup person’s name, relation and mobile, and refuses duplicates and too many', () => {
    expect(problems({ pickupPersons: [{ name: ' ', relation: '', phone: '12345' }] })).toEqual([
      'pickupPersons.0.name',
      'pickupPersons.0.relation',
      'pickupPersons.0.phone',
    ]);
    expect(
      problems({ pickupPersons: [person, { ...person, name: '李四', phone: '+86 13910000001' }] }),
    ).toEqual(['pickupPersons.1.phone']);
    const many = Array.from({ length: MAX_PICKUP_PERSONS + 1 }, (_, i) => ({
      ...person,
      phone: `1391000000${i}`,
    }));
    expect(problems({ pickupPersons: many })).toEqual(['pickupPersons']);
    expect(problems({ pickupPersons: many.slice(0, MAX_PICKUP_PERSONS) })).toEqual([]);
  });

  it('lists every problem at once, for the form', () => {
    expect(problems({ weekdays: [], departureBatch: 'x', pickupPersons: [] })).toEqual([
      'weekdays',
      'departureBatch',
      'pickupPersons',
    ]);
  });

  it('knows which grades the notice serves (B 一: 1-2年级 in the pilot)', () => {
    expect(gradeIsServed(notice, 2)).toBe(true);
    expect(gradeIsServed(notice, 3)).toBe(false);
  });

  it('checks a single pickup person the same way', () => {
    expect(
      checkPickupPerson({ name: '张三', relation: '爷爷', phone: '１３９１００００００２' }, null),
    ).toEqual({
      ok: true,
      person: { name: '张三', relation: '爷爷', phone: '13910000002' },
    });
    const bad = checkPickupPerson({ name: '张三', relation: '爷爷', phone: '010-12345678' }, null);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['phone']);
  });
});

describe('the application’s life (B 五(二) 学校审核, B 四(一) 自愿参加)', () => {
  const all: ApplicationStatus[] = ['submitted', 'approved', 'waitlisted', 'withdrawn'];
  it('approves or waitlists a submitted application; approves a waitlisted one', () => {
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('submitted', 'waitlist')).toBe('waitlisted');
    expect(nextStatus('waitlisted', 'approve')).toBe('approved');
    expect(nextStatus('waitlisted', 'waitlist')).toBeNull();
    expect(nextStatus('approved', 'approve')).toBeNull();
    expect(nextStatus('approved', 'waitlist')).toBeNull();
  });
  it('lets the guardian withdraw from every live state, and never twice', () => {
    for (const s of all) expect(nextStatus(s, 'withdraw')).toBe(s === 'withdrawn' ? null : 'withdrawn');
    for (const a of ['approve', 'waitlist', 'withdraw'] as const)
      expect(nextStatus('withdrawn', a)).toBeNull();
  });
});

describe('dates (Asia/Shanghai school dates)', () => {
  // Weekdays Mon, Tue, Thu, Fri; 2026-10-01..07 is the National Day holiday; a school no-service day.
  const days = serviceDays({
    term: { firstDay: '2026-09-01', lastDay: '2027-01-22' },
    weekdays: [1, 2, 4, 5],
    noServiceDays: [{ date: '2026-12-03', reason: '期中考试' }],
  });

  it('starts an enrollment on the first service day after approval (B 六(五))', () => {
    // Approved Monday 30 Nov: Tuesday 1 Dec is the next service day.
    expect(
      enrollmentStartDate({ approvedOn: '2026-11-30', unifiedStartDate: '2026-09-07', serviceDays: days }),
    ).toBe('2026-12-01');
    // Approved Tuesday 1 Dec: Wednesday is not served, Thursday 3 Dec is a no-service day → Friday.
    expect(enrollmentStartDate({ approvedOn: '2026-12-01', unifiedStartDate: null, serviceDays: days })).toBe(
      '2026-12-04',
    );
  });

  it('never starts before the unified start date (B 六(五) 统一启动时间)', () => {
    expect(
      enrollmentStartDate({ approvedOn: '2026-08-28', unifiedStartDate: '2026-09-07', serviceDays: days }),
    ).toBe('2026-09-07');
    // Approved on the start date itself: from the next service day.
    expect(
      enrollmentStartDate({ approvedOn: '2026-09-07', unifiedStartDate: '2026-09-07', serviceDays: days }),
    ).toBe('2026-09-08');
  });

  it('skips holidays and has no start when the term is over', () => {
    expect(enrollmentStartDate({ approvedOn: '2026-09-30', unifiedStartDate: null, serviceDays: days })).toBe(
      '2026-10-08',
    );
    expect(
      enrollmentStartDate({ approvedOn: '2027-01-22', unifiedStartDate: null, serviceDays: days }),
    ).toBeNull();
  });

  it('makes a withdrawal effective from the next service day after today', () => {
    expect(withdrawalEffectiveDate({ today: '2026-11-30', serviceDays: days })).toBe('2026-12-01');
    expect(withdrawalEffectiveDate({ today: '2026-12-01', serviceDays: days })).toBe('2026-12-04');
    // A Saturday: Monday.
    expect(withdrawalEffectiveDate({ today: '2026-12-05', serviceDays: days })).toBe('2026-12-07');
    // After the last service day: tomorrow.
    expect(withdrawalEffectiveDate({ today: '2027-01-22', serviceDays: days })).toBe('2027-01-23');
  });

  it('takes a paper form dated between the notice and today', () => {
    const at = { today: '2026-11-30', noticePublishedOn: '2026-11-15' };
    expect(checkPaperFormDate({ ...at, formDate: '2026-11-20' })).toBeNull();
    expect(checkPaperFormDate({ ...at, formDate: '2026-11-30' })).toBeNull();
    expect(checkPaperFormDate({ ...at, formDate: '2026-12-01' })?.path).toBe('formDate');
    expect(checkPaperFormDate({ ...at, formDate: '2026-11-14' })?.path).toBe('formDate');
  });
});

// Issue 14.10: the region's lowest grade that may leave alone (RegionPolicy.leaveAloneMinGrade).
describe('leaving alone by grade', () => {
  it('is allowed from the minimum grade, not below it', () => {
    expect(leaveAloneAllowed(2, 3)).toBe(false);
    expect(leaveAloneAllowed(3, 3)).toBe(true);
    expect(leaveAloneAllowed(4, 3)).toBe(true);
    expect(leaveAloneAllowed(1, 1)).toBe(true);
    expect(leaveAloneAllowed(9, 10)).toBe(false);
  });

  it('refuses the statement below the minimum grade, and takes it at the grade', () => {
    const alone = input({ mayLeaveAlone: true, pickupPersons: [] });
    const below = checkApplication(alone, notice, { grade: 2, minGrade: 3 });
    expect(below.ok).toBe(false);
    if (!below.ok) {
      expect(below.problems.map((p) => p.path)).toContain('mayLeaveAlone');
      expect(below.problems.find((p) => p.path === 'mayLeaveAlone')).toMatchObject({
        zh: expect.stringContaining('3 年级及以上'),
        en: expect.stringContaining('from grade 3'),
      });
    }
    expect(checkApplication(alone, notice, { grade: 3, minGrade: 3 }).ok).toBe(true);
    // Without the statement the grade does not matter.
    expect(checkApplication(input(), notice, { grade: 1, minGrade: 3 }).ok).toBe(true);
  });
});
