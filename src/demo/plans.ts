// Demo policies, the current term and plans in every review state (issue 3): 东湖区 follows the
// city's pilot model (B: 4 afternoons, grades 1–2), 西山县 the provincial 5+2 model (C). 东湖区实验小学's
// plan is approved (its public notice is out), 东湖区第二小学's is submitted, 西山县城关小学's returned.
import type { TermPlan } from '../domain/plan.js';
import type { ServiceModel } from '../domain/policy.js';

export interface DemoTerm {
  code: string;
  name: string;
  firstDay: string;
  lastDay: string;
  unifiedStartDate: string;
}

// The term in progress on `today`: autumn from September to late January, spring from late
// February to early July (the usual calendar of mainland primary schools).
export function demoTerm(schoolYearStart: number, first: boolean): DemoTerm {
  const y = schoolYearStart;
  return first
    ? {
        code: `${y}-${y + 1}-1`,
        name: `${y}–${y + 1}学年第一学期`,
        firstDay: `${y}-09-01`,
        lastDay: `${y + 1}-01-22`,
        unifiedStartDate: `${y}-09-07`,
      }
    : {
        code: `${y}-${y + 1}-2`,
        name: `${y}–${y + 1}学年第二学期`,
        firstDay: `${y + 1}-02-23`,
        lastDay: `${y + 1}-07-10`,
        unifiedStartDate: `${y + 1}-03-02`,
      };
}

// Letters, inspections and insurance run over the school year (September to August), so they cover
// both terms.
const schoolYear = (term: DemoTerm) => Number(term.code.slice(0, 4));
const letter = (term: DemoTerm) => ({
  signedOn: `${schoolYear(term)}-08-25`,
  validUntil: `${schoolYear(term) + 1}-08-24`,
});

// A plan that satisfies the model's defaults: enough days, class hours and staff for the expected
// number of children, inspected venues, signed letters, both insurances over the whole term.
export function demoPlan(
  model: ServiceModel,
  term: DemoTerm,
  options: {
    principalPhone: string;
    expected: number;
    // The id a plan staff member gets from its key ('t1', 'm1'): the demo gives the staff record's
    // id (src/demo/staff.ts), so the plan's staff are the school's staff records (F-09).
    staffId?: (key: string) => string;
  },
): TermPlan {
  const sid = options.staffId ?? ((key: string) => key);
  const pilot = model === 'pilot-4';
  const teachers = Math.max(1, Math.floor(options.expected / 30)); // B 五(三) 每班30名以上学生配1名教师
  const managers = Math.floor(options.expected / 90); // B 五(三) 每90名学生加配1名管理人员
  const surnames = '陈李张王刘杨黄赵吴周';
  const staff = [
    ...Array.from({ length: teachers }, (_, i) => ({
      id: sid(`t${i + 1}`),
      name: `${surnames[i % surnames.length]}老师`,
      role: 'teacher' as const,
      responsibilityLetter: letter(term),
    })),
    ...Array.from({ length: managers }, (_, i) => ({
      id: sid(`m${i + 1}`),
      name: `${surnames[(i + 5) % surnames.length]}主任`,
      role: 'manager' as const,
      responsibilityLetter: letter(term),
    })),
  ];
  const grades = pilot ? [1, 2] : [1, 2, 3, 4, 5, 6];
  const venues = Array.from({ length: teachers }, (_, i) => ({
    id: `v${i + 1}`,
    // Named by place, not by grade: the grouping puts any grade band in any room (F-08), and the
    // public notice names the room beside the group (issue 14.5).
    name: i === 0 ? '图书阅览室' : `${i + 1}号活动教室`,
    capacity: 45,
    safetyInspection: { passedOn: `${schoolYear(term)}-08-20`, validUntil: `${schoolYear(term) + 1}-08-19` },
  }));
  const groups = Array.from({ length: teachers }, (_, i) => ({
    id: `g${i + 1}`,
    name: `第${i + 1}组`,
    grades,
    venueId: `v${i + 1}`,
    teacherId: sid(`t${i + 1}`),
  }));
  // Each group studies, then does an activity, in its own room with its own teacher.
  const timetable = groups.flatMap((g, i) => [
    {
      start: '15:50',
      end: '16:50',
      activity: '完成作业与个别答疑',
      category: 'homework',
      kind: 'supervised_study',
      venueId: g.venueId,
      staffIds: [sid(`t${i + 1}`)],
    },
    {
      start: '16:50',
      end: pilot ? '17:30' : '18:00',
      activity: ['自主阅读', '体育游戏', '科技小制作', '美术手工'][i % 4] ?? '自主阅读',
      category: ['reading', 'sports', 'science_technology', 'arts'][i % 4] ?? 'reading',
      kind: 'activity',
      venueId: g.venueId,
      staffIds: [sid(`t${i + 1}`)],
    },
  ]);
  return {
    weekdays: pilot ? [1, 2, 4, 5] : [1, 2, 3, 4, 5],
    timetable,
    endTimes: pilot ? { summer: '18:00', other: '17:30' } : { summer: '18:00', other: '18:00' },
    departureBatches: pilot
      ? [
          { name: '第一批', time: '17:00' },
          { name: '第二批', time: '17:30' },
          { name: '夏令时第三批', time: '18:00', seasons: ['summer'] },
        ]
      : [
          { name: '第一批', time: '17:00' },
          { name: '第二批', time: '18:00' },
        ],
    grades,
    expectedStudents: options.expected,
    venues,
    staff,
    groups,
    emergencyContacts: [
      { name: '林校长', role: '组长（看护工作第一责任人）', phone: '13900000001' },
      { name: '黄主任', role: '副组长', phone: '13900000002' },
    ],
    principalOfficePhone: options.principalPhone,
    insurance: [
      {
        kind: 'school_liability',
        insurer: '中国人民财产保险',
        number: `PICC-${term.code}`,
        coverFrom: `${schoolYear(term)}-09-01`,
        coverTo: `${schoolYear(term) + 1}-08-31`,
      },
      {
        kind: 'student_accident',
        insurer: '中国平安保险',
        number: `PA-${term.code}`,
        coverFrom: `${schoolYear(term)}-09-01`,
        coverTo: `${schoolYear(term) + 1}-08-31`,
      },
    ],
  };
}
