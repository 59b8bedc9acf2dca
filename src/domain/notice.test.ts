import { describe, expect, it } from 'vitest';
import { publicNotice } from './notice.js';
import type { TermPlan } from './plan.js';

const letter = { signedOn: '2026-08-25', validUntil: '2027-08-24' };
const plan: TermPlan = {
  weekdays: [5, 1, 3],
  timetable: [
    {
      start: '16:40',
      end: '17:30',
      activity: '篮球社',
      category: 'clubs',
      kind: 'activity',
      venueId: 'gym-7f3a',
      staffIds: ['staff-0001', 'staff-0002'],
      weekdays: [3],
    },
    {
      start: '15:40',
      end: '16:40',
      activity: '作业辅导',
      category: 'homework',
      kind: 'supervised_study',
      venueId: 'room-1',
      staffIds: ['staff-0001'],
    },
  ],
  endTimes: { summer: '18:00', other: '17:30' },
  departureBatches: [
    { name: '第二批', time: '17:30' },
    { name: '第一批', time: '16:40', seasons: ['other'] },
  ],
  grades: [2, 1],
  expectedStudents: 45,
  venues: [
    { id: 'room-1', name: '一（1）班教室', capacity: 45, safetyInspection: null },
    {
      id: 'gym-7f3a',
      name: '风雨操场',
      capacity: 200,
      safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-08-19' },
    },
  ],
  staff: [
    { id: 'staff-0001', name: '陈老师', role: 'teacher', responsibilityLetter: letter },
    { id: 'staff-0002', name: '黄主任', role: 'manager', responsibilityLetter: null },
  ],
  groups: [{ id: 'g1', name: '一组', grades: [1, 2], venueId: 'room-1', teacherId: 'staff-0001' }],
  emergencyContacts: [{ name: '林校长', role: '组长', phone: '13800138000' }],
  principalOfficePhone: '0990-5551001',
  insurance: [
    {
      kind: 'student_accident',
      insurer: '平安保险',
      number: 'PA-SECRET-002',
      coverFrom: '2026-09-01',
      coverTo: '2027-08-31',
    },
  ],
};

const notice = publicNotice({
  school: { code: '4401030001', name: '实验小学', address: '中山路1号', phone: '020-12345678' },
  term: {
    code: '2026-2027-1',
    name: '2026–2027学年第一学期',
    firstDay: '2026-09-01',
    lastDay: '2027-01-22',
    unifiedStartDate: '2026-09-07',
  },
  plan,
  summerSeason: { from: '05-01', to: '09-30' },
  version: 2,
  publishedAt: '2026-08-30T02:00:00.000Z',
});

describe('public notice (F-05, B 五(一) 服务公示)', () => {
  it('shows each served weekday in order with its sessions by time, places and people by name', () => {
    expect(notice.schedule.map((d) => d.label.zh)).toEqual(['星期一', '星期三', '星期五']);
    const wednesday = notice.schedule[1];
    expect(wednesday?.sessions.map((s) => [s.start, s.activity, s.venue, s.staff])).toEqual([
      ['15:40', '作业辅导', '一（1）班教室', ['陈老师']],
      ['16:40', '篮球社', '风雨操场', ['陈老师', '黄主任']],
    ]);
    expect(notice.schedule[0]?.sessions.map((s) => s.activity)).toEqual(['作业辅导']);
    expect(wednesday?.sessions[1]?.category).toEqual({ zh: '社团活动', en: 'Clubs' });
  });

  it('lists service items, batches by time, staff with roles, the term’s start', () => {
    expect(notice.serviceItems.map((i) => [i.label.zh, i.activities])).toEqual([
      ['完成作业', ['作业辅导']],
      ['社团活动', ['篮球社']],
    ]);
    expect(notice.departureBatches).toEqual([
      { name: '第一批', time: '16:40', seasons: ['other'] },
      { name: '第二批', time: '17:30', seasons: ['summer', 'other'] },
    ]);
    expect(notice.staff).toEqual([
      { name: '陈老师', role: { zh: '教师', en: 'Teacher' } },
      { name: '黄主任', role: { zh: '管理人员', en: 'Manager' } },
    ]);
    expect(notice.term.startsOn).toBe('2026-09-07');
    expect(notice.grades).toEqual([1, 2]);
  });

  it('says the service is free, bought by the government (B 四(二)), and how to apply and withdraw', () => {
    expect(notice.fees.free).toBe(true);
    expect(notice.fees.clause).toBe('B 四(二)');
    expect(notice.fees.text.zh).toContain('政府统一购买');
    expect(notice.fees.text.en).toContain('government purchases');
    expect(notice.application.apply.zh).toContain('自愿');
    expect(notice.application.withdraw.zh).toContain('下一个服务日');
    expect(notice.contacts.principalOfficePhone).toBe('0990-5551001');
  });

  it('leaks no internal ids, letters, inspections, policy numbers or head-counts', () => {
    const text = JSON.stringify(notice);
    for (const secret of ['staff-0001', 'gym-7f3a', 'room-1', 'PA-SECRET', 'signedOn', 'passedOn', 'g1'])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('expectedStudents');
    expect(text).not.toContain('capacity');
  });
});
