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

describe('who is in charge on the notice (in-charge.ts)', () => {
  const source = {
    school: { code: '4401030001', name: '实验小学', address: null, phone: null },
    term: {
      code: '2026-2027-1',
      name: '2026–2027学年第一学期',
      firstDay: '2026-09-01',
      lastDay: '2027-01-22',
      unifiedStartDate: '2026-09-07',
    },
    plan,
    summerSeason: null,
    version: 1,
    publishedAt: '2026-08-30T02:00:00.000Z',
  };
  const liu = { id: 'staff-0101', name: '刘老师' };
  const zhou = { id: 'staff-0102', name: '周老师' };
  const he = { id: 'staff-0103', name: '何主任' };

  it('shows the plan’s groups and staff until a grouping or rota is saved', () => {
    for (const arrangement of [undefined, null, { groups: [], duties: [] }]) {
      const n = publicNotice({ ...source, arrangement });
      expect(n.inCharge.groupsFrom).toBe('plan');
      expect(n.inCharge.rotaSaved).toBe(false);
      expect(n.inCharge.days.map((d) => [d.weekday, d.groups, d.dutyChief])).toEqual(
        [1, 3, 5].map((w) => [
          w,
          [{ name: '一组', grades: [1, 2], venue: '一（1）班教室', leader: '陈老师' }],
          null,
        ]),
      );
      expect(n.staff.map((p) => p.name)).toEqual(['陈老师', '黄主任']);
    }
  });

  it('names the saved grouping’s leaders and the rota’s people, not the plan’s, once saved', () => {
    const n = publicNotice({
      ...source,
      arrangement: {
        groups: [
          { weekday: 1, name: '1年级1组', grades: [1], venueId: 'room-1', leader: liu },
          { weekday: 3, name: '1年级1组', grades: [1], venueId: 'room-1', leader: zhou },
          { weekday: 3, name: '2年级1组', grades: [2], venueId: 'gym-7f3a', leader: liu },
          { weekday: 5, name: '1年级1组', grades: [1], venueId: 'room-1', leader: null },
        ],
        duties: [
          { weekday: 1, duty: 'duty_chief', person: he },
          { weekday: 3, duty: 'manager', person: zhou },
        ],
      },
    });
    expect(n.inCharge.groupsFrom).toBe('grouping');
    expect(n.inCharge.rotaSaved).toBe(true);
    expect(n.inCharge.days).toEqual([
      {
        weekday: 1,
        groups: [{ name: '1年级1组', grades: [1], venue: '一（1）班教室', leader: '刘老师' }],
        dutyChief: '何主任',
        managers: [],
      },
      {
        weekday: 3,
        groups: [
          { name: '1年级1组', grades: [1], venue: '一（1）班教室', leader: '周老师' },
          { name: '2年级1组', grades: [2], venue: '风雨操场', leader: '刘老师' },
        ],
        dutyChief: null,
        managers: ['周老师'],
      },
      {
        weekday: 5,
        groups: [{ name: '1年级1组', grades: [1], venue: '一（1）班教室', leader: null }],
        dutyChief: null,
        managers: [],
      },
    ]);
    // Each session's staff: the leaders of that day's groups in its venue.
    expect(n.schedule.map((d) => d.sessions.map((s) => [s.activity, s.staff]))).toEqual([
      [['作业辅导', ['刘老师']]],
      [
        ['作业辅导', ['周老师']],
        ['篮球社', ['刘老师']],
      ],
      [['作业辅导', []]],
    ]);
    expect(n.staff).toEqual([
      { name: '刘老师', role: { zh: '教师', en: 'Teacher' } },
      { name: '周老师', role: { zh: '教师', en: 'Teacher' } },
      { name: '何主任', role: { zh: '值日总护导', en: 'Duty chief' } },
    ]);
    const text = JSON.stringify(n);
    expect(text).not.toContain('陈老师');
    for (const id of [liu.id, zhou.id, he.id]) expect(text).not.toContain(id);
  });

  it('starts on the plan’s own start date when it states one', () => {
    expect(publicNotice({ ...source, plan: { ...plan, startsOn: '2026-09-14' } }).term.startsOn).toBe(
      '2026-09-14',
    );
  });
});
