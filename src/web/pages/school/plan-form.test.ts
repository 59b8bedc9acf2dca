import { describe, expect, it } from 'vitest';
import type { TermPlan } from '../../../domain/plan';
import { findingAnchor, formNameOfRequestPath, formToPlan, nextId, planToForm } from './plan-form';

const plan: TermPlan = {
  weekdays: [1, 2, 3, 4],
  timetable: [
    {
      start: '15:40',
      end: '16:40',
      activity: '自主阅读',
      category: 'reading',
      kind: 'supervised_study',
      venueId: 'v1',
      staffIds: ['s1'],
    },
    {
      weekdays: [2, 4],
      start: '16:40',
      end: '17:30',
      activity: '篮球',
      category: 'sports',
      kind: 'activity',
      venueId: 'v2',
      staffIds: ['s1', 's2'],
    },
  ],
  endTimes: { summer: '18:00', other: '17:30' },
  departureBatches: [
    { name: '第一批', time: '16:40' },
    { name: '第二批', time: '18:00', seasons: ['summer'] },
  ],
  grades: [1, 2],
  expectedStudents: 60,
  venues: [
    {
      id: 'v1',
      name: '阅览室',
      capacity: 40,
      safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-08-19' },
    },
    { id: 'v2', name: '操场', capacity: 200, safetyInspection: null },
  ],
  staff: [
    {
      id: 's1',
      name: '陈老师',
      role: 'teacher',
      responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2027-08-24' },
    },
    { id: 's2', name: '王主任', role: 'manager', responsibilityLetter: null },
  ],
  groups: [{ id: 'g1', name: '一年级组', grades: [1], venueId: 'v1', teacherId: 's1' }],
  emergencyContacts: [{ name: '林校长', role: '组长', phone: '13800138000' }],
  principalOfficePhone: '0990-5551001',
  insurance: [
    {
      kind: 'school_liability',
      insurer: '中国人保',
      number: 'PZ-1',
      coverFrom: '2026-09-01',
      coverTo: '2027-08-31',
    },
  ],
};

describe('the plan form', () => {
  it('gives back the plan it was filled from', () => {
    expect(formToPlan(planToForm(plan))).toEqual(plan);
  });

  it('keeps the plan’s own start date, and leaves it out when the school states none (B 六(五))', () => {
    expect(formToPlan(planToForm({ ...plan, startsOn: '2026-09-14' })).startsOn).toBe('2026-09-14');
    const values = planToForm(plan);
    expect(values.startsOn).toBeNull();
    expect(formToPlan(values)).not.toHaveProperty('startsOn');
  });

  it('keeps a dated document only when both dates are there', () => {
    const values = planToForm(plan);
    values.venues[0] = { ...values.venues[0], inspectionValidUntil: null } as (typeof values.venues)[0];
    values.staff[1] = {
      ...values.staff[1],
      letterSignedOn: '2026-09-01',
      letterValidUntil: '2027-07-31',
    } as (typeof values.staff)[1];
    const back = formToPlan(values);
    expect(back.venues[0]?.safetyInspection).toBeNull();
    expect(back.staff[1]?.responsibilityLetter).toEqual({ signedOn: '2026-09-01', validUntil: '2027-07-31' });
  });

  it('reads empty session weekdays as every served day and trims what was typed', () => {
    const values = planToForm(plan);
    expect(values.timetable[0]?.weekdays).toEqual([]);
    values.timetable[0] = {
      ...(values.timetable[0] as (typeof values.timetable)[0]),
      activity: '  自主阅读 ',
    };
    values.principalOfficePhone = ' 0990-5551001 ';
    const back = formToPlan(values);
    expect(back.timetable[0]).not.toHaveProperty('weekdays');
    expect(back.timetable[0]?.activity).toBe('自主阅读');
    expect(back.principalOfficePhone).toBe('0990-5551001');
  });

  it('sends a half-filled row as it is, for the check to name', () => {
    const values = planToForm(plan);
    values.timetable.push({
      weekdays: [],
      start: '',
      end: '',
      activity: '',
      category: null,
      kind: null,
      venueId: null,
      staffIds: [],
    });
    values.insurance.push({
      kind: 'student_accident',
      insurer: '',
      number: '',
      coverFrom: null,
      coverTo: null,
    });
    const back = formToPlan(values);
    expect(back.timetable[2]).toMatchObject({ category: '', kind: '', venueId: '', staffIds: [] });
    expect(back.insurance[1]).toMatchObject({ coverFrom: '', coverTo: '' });
  });

  it('keeps the make-up working day choice, and stores nothing when the region’s default is left (issue 14.17)', () => {
    const chosen: TermPlan = { ...plan, makeUpWorkdays: 'served', makeUpTimetableWeekday: 4 };
    expect(planToForm(chosen)).toMatchObject({ makeUpWorkdays: 'served', makeUpTimetableWeekday: 4 });
    expect(formToPlan(planToForm(chosen))).toEqual(chosen);
    const left = planToForm(plan);
    expect(left.makeUpWorkdays).toBe('policy');
    const back = formToPlan(left);
    expect('makeUpWorkdays' in back).toBe(false);
    expect('makeUpTimetableWeekday' in back).toBe(false);
    expect(formToPlan({ ...left, makeUpWorkdays: 'not_served' }).makeUpWorkdays).toBe('not_served');
  });

  it('makes ids that are not taken', () => {
    expect(nextId('v', [])).toBe('v1');
    expect(nextId('v', [{ id: 'v1' }, { id: 'v3' }])).toBe('v4');
    expect(nextId('s', [{ id: 's2' }])).toBe('s3');
    expect(nextId('s', [{ id: 's2' }, { id: 's3' }])).toBe('s4');
  });

  it('finds the row or section of a finding', () => {
    expect(findingAnchor('timetable[2].end')).toBe('plan-timetable-2');
    expect(findingAnchor('venues[0].safetyInspection')).toBe('plan-venues-0');
    expect(findingAnchor('endTimes.summer')).toBe('plan-endTimes');
    expect(findingAnchor('insurance')).toBe('plan-insurance');
    expect(findingAnchor(undefined)).toBeNull();
  });

  it('puts a server message under its input', () => {
    expect(formNameOfRequestPath('body.content.insurance.0.coverFrom')).toEqual([
      'insurance',
      0,
      'coverFrom',
    ]);
    expect(formNameOfRequestPath('body.content.venues.1.safetyInspection.validUntil')).toEqual([
      'venues',
      1,
      'inspectionValidUntil',
    ]);
    expect(formNameOfRequestPath('body.content.staff.0.responsibilityLetter')).toEqual([
      'staff',
      0,
      'letterSignedOn',
    ]);
    expect(formNameOfRequestPath('body.content.timetable.3.staffIds.0')).toEqual([
      'timetable',
      3,
      'staffIds',
    ]);
    expect(formNameOfRequestPath('body.revision')).toBeNull();
  });
});
