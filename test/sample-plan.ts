// A valid term plan for tests, pure (no storage), so that domain tests and storage tests share it.
import type { TermPlan } from '../src/domain/plan.js';

// A plan that satisfies the seeds' 5+2 defaults on weekdays: 15:40–17:40 study and activity, end
// 18:00, two departure batches, one venue and two staff with letters, both kinds of insurance.
export function sampleTermPlan(overrides: Partial<TermPlan> = {}): TermPlan {
  return {
    weekdays: [1, 2, 3, 4, 5],
    timetable: [
      {
        start: '15:40',
        end: '16:40',
        activity: '作业辅导',
        category: 'homework',
        kind: 'supervised_study',
        venueId: 'v1',
        staffIds: ['t1'],
      },
      {
        start: '16:40',
        end: '18:00',
        activity: '阅读与体育',
        category: 'reading',
        kind: 'activity',
        venueId: 'v1',
        staffIds: ['t1'],
      },
    ],
    endTimes: { summer: '18:00', other: '18:00' },
    departureBatches: [
      { name: '第一批', time: '17:00' },
      { name: '第二批', time: '18:00' },
    ],
    grades: [1, 2, 3, 4, 5, 6],
    expectedStudents: 30,
    venues: [
      {
        id: 'v1',
        name: '一楼阅览室',
        capacity: 60,
        safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-08-19' },
      },
    ],
    staff: [
      {
        id: 't1',
        name: '陈老师',
        role: 'teacher',
        responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2027-08-24' },
      },
      {
        id: 'm1',
        name: '黄主任',
        role: 'manager',
        responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2027-08-24' },
      },
    ],
    groups: [{ id: 'g1', name: '一组', grades: [1, 2, 3, 4, 5, 6], venueId: 'v1', teacherId: 't1' }],
    emergencyContacts: [{ name: '林校长', role: '组长', phone: '13800138000' }],
    principalOfficePhone: '0990-5551001',
    insurance: [
      {
        kind: 'school_liability',
        insurer: '中国人保',
        number: 'PICC-2026-001',
        coverFrom: '2026-09-01',
        coverTo: '2027-08-31',
      },
      {
        kind: 'student_accident',
        insurer: '平安保险',
        number: 'PA-2026-002',
        coverFrom: '2026-09-01',
        coverTo: '2027-08-31',
      },
    ],
    ...overrides,
  };
}
