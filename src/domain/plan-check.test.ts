import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eachDate, type IsoDate, type Weekday, weekdayOf } from './dates.js';
import type { TermPlan } from './plan.js';
import {
  blocksSubmission,
  checkPlan,
  type Finding,
  PLAN_RULE_IDS,
  PLAN_RULES,
  type PlanCheckContext,
  type ServiceDay,
} from './plan-check.js';
import { defaultPolicy, type RegionPolicy, seasonOn } from './policy.js';

// A term plan that satisfies pilot-4: Monday to Thursday, 16:00–17:30 with a break (80 minutes,
// 2 class hours of 40), grades 1–2.
function buildPlan(): TermPlan {
  return {
    weekdays: [1, 2, 3, 4],
    timetable: [
      {
        start: '16:00',
        end: '16:40',
        activity: '自主阅读',
        category: 'reading',
        kind: 'supervised_study',
        venueId: 'library',
        staffIds: ['li'],
      },
      {
        start: '16:50',
        end: '17:30',
        activity: '跳绳',
        category: 'sports',
        kind: 'activity',
        venueId: 'gym',
        staffIds: ['wang'],
      },
    ],
    endTimes: { summer: '18:00', other: '17:30' },
    departureBatches: [
      { name: '第一批', time: '16:45' },
      { name: '第二批', time: '17:30' },
    ],
    grades: [1, 2],
    venues: [
      {
        id: 'library',
        name: '图书室',
        capacity: 60,
        safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-01-31' },
      },
      {
        id: 'gym',
        name: '风雨操场',
        capacity: 200,
        safetyInspection: { passedOn: '2026-08-20', validUntil: '2027-01-31' },
      },
    ],
    staff: [
      {
        id: 'li',
        name: '李老师',
        role: 'teacher',
        responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2027-01-31' },
      },
      {
        id: 'wang',
        name: '王老师',
        role: 'teacher',
        responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2027-01-31' },
      },
      {
        id: 'zhao',
        name: '赵主任',
        role: 'manager',
        responsibilityLetter: { signedOn: '2026-08-25', validUntil: '2027-01-31' },
      },
    ],
    groups: [{ id: 'g1', name: '一年级组', grades: [1], venueId: 'library', teacherId: 'li' }],
    emergencyContacts: [{ name: '赵主任', role: '值日总护导', phone: '13800138000' }],
    principalOfficePhone: '0755-12345678',
    insurance: [
      {
        kind: 'school_liability',
        insurer: '人保',
        number: 'SL-2026',
        coverFrom: '2026-01-01',
        coverTo: '2026-12-31',
      },
      {
        kind: 'school_liability',
        insurer: '人保',
        number: 'SL-2027',
        coverFrom: '2027-01-01',
        coverTo: '2027-12-31',
      },
      {
        kind: 'student_accident',
        insurer: '平安',
        number: 'SA-2026',
        coverFrom: '2026-09-01',
        coverTo: '2027-08-31',
      },
    ],
  };
}

function serviceDays(
  policy: RegionPolicy,
  from: IsoDate,
  to: IsoDate,
  weekdays: readonly Weekday[],
): ServiceDay[] {
  return eachDate(from, to)
    .filter((date) => weekdays.includes(weekdayOf(date)))
    .map((date) => ({ date, weekday: weekdayOf(date), season: seasonOn(policy, date) }));
}

// Autumn term 2026: 09-01 (Tuesday) to 2027-01-22; summer time to 09-30, then the other season.
function buildContext(
  policy: RegionPolicy,
  plan: TermPlan,
  over: Partial<PlanCheckContext> = {},
): PlanCheckContext {
  return {
    serviceDays: serviceDays(policy, '2026-09-01', '2027-01-22', plan.weekdays),
    schoolType: 'primary',
    schoolGrades: [1, 2, 3, 4, 5, 6],
    enrolledStudents: 0,
    today: '2026-08-28',
    ...over,
  };
}

function check(
  change: (plan: TermPlan, policy: RegionPolicy) => void = () => {},
  over: Partial<PlanCheckContext> = {},
  model: 'pilot-4' | '5+2' = 'pilot-4',
): Finding[] {
  const policy = defaultPolicy(model);
  const plan = buildPlan();
  if (model === '5+2') {
    plan.weekdays = [1, 2, 3, 4, 5];
    plan.endTimes = { summer: '18:00', other: '18:00' };
  }
  change(plan, policy);
  return checkPlan(policy, plan, buildContext(policy, plan, over));
}

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const only = (findings: Finding[]) => findings.map((f) => [f.ruleId, f.severity, f.field]);

describe('checkPlan: a plan that satisfies the policy', () => {
  it('has no findings under pilot-4', () => {
    expect(check()).toEqual([]);
  });

  it('has no findings under 5+2 with 5 days and 18:00', () => {
    expect(check(undefined, {}, '5+2')).toEqual([]);
  });
});

describe('days a week (B 二 每周四个下午 / C 1 每周5天)', () => {
  it('needs 4 school days for pilot-4, 5 for 5+2', () => {
    const three = check((p) => {
      p.weekdays = [1, 2, 3];
    });
    expect(only(three)).toEqual([['days.too-few', 'error', 'weekdays']]);
    expect(three[0]?.clause).toBe('B 二');
    expect(three[0]?.message.zh).toBe('每周服务 3 天，少于规定的 4 天');
    const four = check(
      (p) => {
        p.weekdays = [1, 2, 3, 4];
      },
      {},
      '5+2',
    );
    expect(only(four)).toEqual([['days.too-few', 'error', 'weekdays']]);
    expect(four[0]?.clause).toBe('C 1');
    expect(
      check((p) => {
        p.weekdays = [1, 2, 3, 4, 5];
      }),
    ).toEqual([]);
  });

  it('does not count Saturday and Sunday, and refuses them', () => {
    expect(
      ids(
        check((p) => {
          p.weekdays = [1, 2, 3, 6];
        }),
      ),
    ).toEqual(['days.too-few', 'days.weekend']);
    expect(
      ids(
        check((p) => {
          p.weekdays = [1, 2, 3, 4, 7];
        }),
      ),
    ).toEqual(['days.weekend']);
  });

  it('names a bad weekday', () => {
    expect(
      only(
        check((p) => {
          p.weekdays = [1, 2, 3, 4, 8 as Weekday];
        }),
      ),
    ).toEqual([['plan.invalid', 'error', 'weekdays']]);
    expect(
      only(
        check((p) => {
          p.weekdays = [1, 2, 3, 4, 4];
        }),
      ),
    ).toEqual([['plan.invalid', 'error', 'weekdays']]);
  });
});

describe('class hours a day (B 五(三) 每天计1.5课时 / C 1 每天至少开展2个学时)', () => {
  const oneSession = (p: TermPlan, start: string, end: string) => {
    p.timetable = [{ ...(p.timetable[0] as TermPlan['timetable'][0]), start, end }];
    p.departureBatches = [{ name: '离校', time: end }];
  };

  it('needs 60 minutes (1.5 × 40) for primary pilot-4', () => {
    expect(check((p) => oneSession(p, '16:00', '17:00'))).toEqual([]);
    const short = check((p) => oneSession(p, '16:00', '16:59'));
    expect(only(short)).toEqual([['hours.too-few', 'error', 'timetable']]);
    expect(short[0]?.clause).toBe('B 五(三)');
    expect(short[0]?.message.zh).toBe(
      '周一 59 分钟、周二 59 分钟、周三 59 分钟、周四 59 分钟，少于每天 1.5 课时（每课时 40 分钟，共 60 分钟）',
    );
  });

  it('needs 68 minutes (1.5 × 45, rounded up) for junior middle grades', () => {
    const junior = (end: string) =>
      check(
        (p, policy) => {
          oneSession(p, '16:00', end);
          p.grades = [7];
          p.groups = [];
          policy.servedGrades = [7, 8, 9];
        },
        { schoolType: 'junior_middle', schoolGrades: [7, 8, 9] },
      );
    expect(junior('17:08')).toEqual([]);
    expect(ids(junior('17:07'))).toEqual(['hours.too-few']);
  });

  it('needs 80 minutes (2 × 40) for 5+2', () => {
    const five = (end: string) => check((p) => oneSession(p, '16:20', end), {}, '5+2');
    expect(ids(five('17:40'))).toEqual([]);
    const short = five('17:39');
    expect(ids(short)).toEqual(['hours.too-few']);
    expect(short[0]?.clause).toBe('C 1');
  });

  it('counts sessions side by side once, and gaps not at all', () => {
    const parallel = check((p) => {
      p.timetable = [
        { ...(p.timetable[0] as TermPlan['timetable'][0]), start: '16:00', end: '16:59' },
        { ...(p.timetable[1] as TermPlan['timetable'][0]), start: '16:00', end: '16:59' },
      ];
      p.departureBatches = [];
    });
    expect(ids(parallel)).toEqual(['hours.too-few']);
  });

  it('checks each weekday with its own sessions', () => {
    const findings = check((p) => {
      p.timetable = [
        { ...(p.timetable[0] as TermPlan['timetable'][0]), start: '16:00', end: '16:40' },
        {
          ...(p.timetable[1] as TermPlan['timetable'][0]),
          weekdays: [1, 2, 4],
          start: '16:50',
          end: '17:10',
        },
      ];
    });
    expect(ids(findings)).toEqual(['hours.too-few']);
    expect(findings[0]?.message.en).toBe(
      'Wed 40 min: fewer than 1.5 class hours a day (40 min each, 60 min)',
    );
  });
});

describe('end time (B 二 18:00 / 17:30; C 1 off-work + 30 min)', () => {
  it('pilot-4: not before 17:30 outside summer time, 18:00 in it', () => {
    expect(
      check((p) => {
        p.endTimes.other = '17:30';
      }),
    ).toEqual([]);
    const early = check((p) => {
      p.endTimes.other = '17:29';
      p.timetable[1] = { ...(p.timetable[1] as TermPlan['timetable'][0]), end: '17:20' };
      p.departureBatches = [];
    });
    expect(only(early)).toEqual([['end.too-early', 'error', 'endTimes.other']]);
    expect(early[0]?.message.zh).toBe('非夏令时服务结束时间 17:29 早于规定的 17:30');
    expect(
      ids(
        check((p) => {
          p.endTimes.summer = '17:59';
        }),
      ),
    ).toEqual(['end.too-early']);
  });

  it('checks only the seasons the term has', () => {
    // From October on, no summer-time days: the summer end time does not matter.
    const october = (policy: RegionPolicy, plan: TermPlan) =>
      serviceDays(policy, '2026-10-08', '2027-01-22', plan.weekdays);
    const policy = defaultPolicy('pilot-4');
    const plan = buildPlan();
    plan.endTimes.summer = '17:30';
    expect(
      checkPlan(policy, plan, buildContext(policy, plan, { serviceDays: october(policy, plan) })),
    ).toEqual([]);
    expect(ids(checkPlan(policy, plan, buildContext(policy, plan)))).toEqual(['end.too-early']);
  });

  it('5+2: not before off-work time + 30 minutes, per season', () => {
    expect(check(undefined, {}, '5+2')).toEqual([]);
    const early = check(
      (p) => {
        p.endTimes.other = '17:59';
      },
      {},
      '5+2',
    );
    expect(only(early)).toEqual([['end.too-early', 'error', 'endTimes.other']]);
    expect(early[0]?.clause).toBe('C 1');
    expect(early[0]?.message.zh).toBe('非夏令时服务结束时间 17:59 早于当地下班时间后半小时（18:00）');
    const summer = check(
      (p, policy) => {
        policy.offWorkTimes.summer = '18:00';
        p.endTimes.summer = '18:29';
      },
      {},
      '5+2',
    );
    expect(only(summer)).toEqual([['end.too-early', 'error', 'endTimes.summer']]);
  });
});

describe('timetable', () => {
  type Session = TermPlan['timetable'][0];
  const first = (p: TermPlan) => p.timetable[0] as Session;

  it('refuses an end at or before the start, naming the field', () => {
    const same = check((p) => {
      first(p).end = '16:00';
    });
    // The session's minutes are gone, so the day is short as well.
    expect(only(same)).toEqual([
      ['timetable.end-before-start', 'error', 'timetable[0].end'],
      ['hours.too-few', 'error', 'timetable'],
    ]);
    expect(same[0]?.message.en).toBe('End 16:00 is not after start 16:00');
  });

  it('names a malformed time', () => {
    const bad = check((p) => {
      first(p).start = '25:00';
      p.timetable.push({ ...first(p), start: '16:00', end: '16:40', venueId: 'gym', staffIds: ['zhao'] });
    });
    expect(only(bad)).toEqual([['plan.invalid', 'error', 'timetable[0].start']]);
  });

  it('refuses two sessions at once in one venue or with one person', () => {
    const venue = check((p) =>
      p.timetable.push({ ...first(p), start: '16:39', end: '16:50', staffIds: ['zhao'] }),
    );
    expect(only(venue)).toEqual([['timetable.overlap', 'error', 'timetable[2].start']]);
    expect(venue[0]?.message.zh).toContain('同一场地 library');
    const person = check((p) =>
      p.timetable.push({ ...first(p), venueId: 'gym', start: '16:30', end: '16:45' }),
    );
    expect(only(person)).toEqual([['timetable.overlap', 'error', 'timetable[2].start']]);
    expect(person[0]?.message.en).toContain('staff li');
  });

  it('allows sessions that touch, run side by side, or fall on other weekdays', () => {
    expect(check((p) => p.timetable.push({ ...first(p), start: '16:40', end: '16:50' }))).toEqual([]);
    expect(check((p) => p.timetable.push({ ...first(p), venueId: 'gym', staffIds: ['zhao'] }))).toEqual([]);
    expect(
      check((p) => {
        first(p).weekdays = [1, 2];
        p.timetable.push({ ...first(p), weekdays: [3, 4], staffIds: ['li'] });
      }),
    ).toEqual([]);
  });

  it('refuses a session after the season’s end time', () => {
    const late = check((p) => {
      (p.timetable[1] as Session).end = '17:31';
    });
    expect(only(late)).toEqual([['timetable.after-end', 'error', 'timetable[1].end']]);
    expect(late[0]?.message.zh).toBe('“跳绳”在 17:31 结束，晚于非夏令时结束时间 17:30');
  });

  it('refuses a session without staff (A 三.1)', () => {
    expect(
      only(
        check((p) => {
          first(p).staffIds = [];
        }),
      ),
    ).toEqual([['timetable.no-staff', 'error', 'timetable[0].staffIds']]);
  });

  it('names venues and staff the plan does not list', () => {
    expect(
      only(
        check((p) => {
          first(p).venueId = 'roof';
          first(p).staffIds = ['li', 'ghost'];
        }),
      ),
    ).toEqual([
      ['plan.unknown-reference', 'error', 'timetable[0].venueId'],
      ['plan.unknown-reference', 'error', 'timetable[0].staffIds'],
    ]);
  });

  it('warns of a session on a weekday the plan does not serve', () => {
    expect(
      only(
        check((p) => {
          first(p).weekdays = [1, 2, 3, 4, 5];
        }),
      ),
    ).toEqual([['timetable.weekday-not-served', 'warning', 'timetable[0].weekdays']]);
  });
});

describe('activities (B 三, B 六(二))', () => {
  const first = (p: TermPlan) => p.timetable[0] as TermPlan['timetable'][0];

  it('refuses collective tutoring and new-lesson teaching', () => {
    for (const kind of ['collective_tutoring', 'new_lesson_teaching']) {
      const findings = check((p) => {
        first(p).kind = kind;
      });
      expect(only(findings)).toEqual([['activity.forbidden-kind', 'error', 'timetable[0].kind']]);
      expect(findings[0]?.clause).toBe('B 三, B 六(二)');
    }
  });

  it('refuses an unknown category, or one the region does not allow', () => {
    expect(
      only(
        check((p) => {
          first(p).category = 'cooking';
        }),
      ),
    ).toEqual([['activity.unknown-category', 'error', 'timetable[0].category']]);
    const narrowed = check((_, policy) => {
      policy.activityCategories = ['homework', 'sports'];
    });
    expect(only(narrowed)).toEqual([['activity.unknown-category', 'error', 'timetable[0].category']]);
    expect(narrowed[0]?.message.zh).toBe('活动类别“自主阅读”不在本地区允许的类别中');
  });

  it('refuses an unknown kind', () => {
    expect(
      only(
        check((p) => {
          first(p).kind = 'lecture';
        }),
      ),
    ).toEqual([['activity.unknown-kind', 'error', 'timetable[0].kind']]);
  });

  it('warns when the name reads like tutoring', () => {
    expect(
      only(
        check((p) => {
          first(p).activity = '数学补课';
        }),
      ),
    ).toEqual([['activity.name-suggests-tutoring', 'warning', 'timetable[0].activity']]);
  });
});

describe('grades (B 一 服务对象为1-2年级)', () => {
  it('refuses a grade the policy does not serve', () => {
    const findings = check((p) => {
      p.grades = [1, 2, 3];
    });
    expect(only(findings)).toEqual([['grades.not-served', 'error', 'grades']]);
    expect(findings[0]?.clause).toBe('B 一');
  });

  it('refuses a grade the school does not have', () => {
    expect(only(check(undefined, { schoolGrades: [2, 3, 4, 5, 6] }))).toEqual([
      ['grades.not-in-school', 'error', 'grades'],
    ]);
  });

  it('needs at least one grade', () => {
    expect(
      only(
        check((p) => {
          p.grades = [];
        }),
      ),
    ).toContainEqual(['plan.invalid', 'error', 'grades']);
  });

  it('measures class hours by the school’s grades while the plan has none', () => {
    const junior = check(
      (p, policy) => {
        p.grades = [];
        p.groups = [];
        p.timetable = [{ ...(p.timetable[0] as TermPlan['timetable'][0]), end: '17:00' }];
        p.departureBatches = [];
        policy.servedGrades = [7, 8, 9];
      },
      { schoolType: 'junior_middle', schoolGrades: [] },
    );
    // 60 minutes are 1.5 class hours of 40, not of 45.
    expect(ids(junior)).toEqual(['plan.invalid', 'hours.too-few']);
  });
});

describe('groups and staffing quota (B 五(三))', () => {
  it('refuses a group without a teacher, and one with a grade the plan does not serve', () => {
    expect(
      only(
        check((p) => {
          (p.groups[0] as TermPlan['groups'][0]).teacherId = null;
        }),
      ),
    ).toEqual([['group.no-teacher', 'error', 'groups[0].teacherId']]);
    const noTeacher = check((p) => {
      (p.groups[0] as TermPlan['groups'][0]).teacherId = null;
    });
    expect(noTeacher[0]?.names).toEqual([noTeacher[0]?.message.en.match(/"(.+)"/)?.[1]]);
    expect(
      only(
        check((p) => {
          (p.groups[0] as TermPlan['groups'][0]).grades = [1, 3];
        }),
      ),
    ).toEqual([['group.grade-not-in-plan', 'error', 'groups[0].grades']]);
    expect(
      only(
        check((p) => {
          (p.groups[0] as TermPlan['groups'][0]).teacherId = 'ghost';
        }),
      ),
    ).toEqual([['plan.unknown-reference', 'error', 'groups[0].teacherId']]);
  });

  it('meets the quota of enrolled children exactly at the boundaries', () => {
    // Two teachers and one manager: enough for up to 89 children (2 teachers, 0 managers) and for
    // 90–119 they still need a third teacher.
    expect(check(undefined, { enrolledStudents: 89 })).toEqual([]);
    const ninety = check(undefined, { enrolledStudents: 90 });
    expect(only(ninety)).toEqual([['staffing.below-quota', 'error', 'staff']]);
    expect(ninety[0]?.message.zh).toBe(
      '已报名 90 名学生需教师 3 名、管理人员 1 名，方案有教师 2 名、管理人员 1 名',
    );
    const noManager = check((p) => void p.staff.pop(), { enrolledStudents: 89 });
    expect(noManager).toEqual([]);
  });

  it('only warns before enrollment, from the expected head-count', () => {
    expect(
      check((p) => {
        p.expectedStudents = 89;
      }),
    ).toEqual([]);
    expect(
      only(
        check((p) => {
          p.expectedStudents = 90;
        }),
      ),
    ).toEqual([['staffing.below-quota-expected', 'warning', 'staff']]);
    expect(
      check(
        (p) => {
          p.expectedStudents = 400;
        },
        { enrolledStudents: 60 },
      ),
    ).toEqual([]);
  });
});

describe('dated documents: inspections (A 三.4) and letters (A 三.1)', () => {
  // The term's first service day is 2026-09-01 and its last 2027-01-21 (a Thursday).
  const venue = (p: TermPlan) => p.venues[0] as TermPlan['venues'][0];
  const person = (p: TermPlan) => p.staff[0] as TermPlan['staff'][0];

  it('refuses a venue without a passed inspection, or one expired when service starts', () => {
    expect(
      only(
        check((p) => {
          venue(p).safetyInspection = null;
        }),
      ),
    ).toEqual([['venue.inspection', 'error', 'venues[0].safetyInspection']]);
    const expired = check((p) => {
      venue(p).safetyInspection = { passedOn: '2026-03-01', validUntil: '2026-08-31' };
    });
    expect(only(expired)).toEqual([['venue.inspection', 'error', 'venues[0].safetyInspection']]);
    expect(expired[0]?.message.zh).toBe('场地“图书室”的安全检查 2026-08-31 已过期（首个服务日 2026-09-01）');
    expect(
      ids(
        check((p) => {
          venue(p).safetyInspection = { passedOn: '2026-08-29', validUntil: '2027-01-31' };
        }),
      ),
    ).toEqual(['venue.inspection']); // inspected after today: not a record of the past
  });

  it('warns when the inspection runs out during the term', () => {
    const lapses = check((p) => {
      venue(p).safetyInspection = { passedOn: '2026-08-01', validUntil: '2026-09-01' };
    });
    expect(only(lapses)).toEqual([['venue.inspection-lapses', 'warning', 'venues[0].safetyInspection']]);
    expect(
      ids(
        check((p) => {
          venue(p).safetyInspection = { passedOn: '2026-08-01', validUntil: '2027-01-20' };
        }),
      ),
    ).toEqual(['venue.inspection-lapses']);
    expect(
      check((p) => {
        venue(p).safetyInspection = { passedOn: '2026-08-01', validUntil: '2027-01-21' };
      }),
    ).toEqual([]);
  });

  it('refuses staff without a signed letter in force when service starts, warns when it runs out', () => {
    expect(
      only(
        check((p) => {
          person(p).responsibilityLetter = null;
        }),
      ),
    ).toEqual([['staff.letter', 'error', 'staff[0].responsibilityLetter']]);
    expect(
      ids(
        check((p) => {
          person(p).responsibilityLetter = { signedOn: '2025-09-01', validUntil: '2026-08-31' };
        }),
      ),
    ).toEqual(['staff.letter']);
    expect(
      ids(
        check((p) => {
          person(p).responsibilityLetter = { signedOn: '2026-08-29', validUntil: '2027-01-31' };
        }),
      ),
    ).toEqual(['staff.letter']);
    expect(
      ids(
        check((p) => {
          person(p).responsibilityLetter = { signedOn: '2026-08-25', validUntil: '2026-12-31' };
        }),
      ),
    ).toEqual(['staff.letter-lapses']);
  });

  it('names dates that cannot be', () => {
    expect(
      only(
        check((p) => {
          person(p).responsibilityLetter = { signedOn: '2026-08-25', validUntil: '2026-08-24' };
        }),
      ),
    ).toEqual([['plan.invalid', 'error', 'staff[0].responsibilityLetter']]);
    expect(
      only(
        check((p) => {
          venue(p).safetyInspection = { passedOn: '2026-02-30', validUntil: '2027-01-31' };
        }),
      ),
    ).toEqual([['plan.invalid', 'error', 'venues[0].safetyInspection']]);
  });

  it('looks only at the days from today on during a term', () => {
    // Mid-term revision: a letter signed in October covers what is left of the term.
    const findings = check(
      (p) => {
        person(p).responsibilityLetter = { signedOn: '2026-10-10', validUntil: '2027-01-31' };
      },
      {
        today: '2026-10-12',
      },
    );
    expect(findings).toEqual([]);
  });
});

describe('insurance (B 六(三) 校方责任保险和学生意外伤害保险)', () => {
  it('needs each kind', () => {
    const none = check((p) => {
      p.insurance = p.insurance.filter((i) => i.kind !== 'student_accident');
    });
    expect(only(none)).toEqual([['insurance.uncovered', 'error', 'insurance']]);
    expect(none[0]?.message.zh).toBe('没有学生意外伤害保险');
  });

  it('refuses a cover that starts after the first service day', () => {
    const late = check((p) => {
      p.insurance = p.insurance.map((i) =>
        i.kind === 'student_accident' ? { ...i, coverFrom: '2026-09-02' } : i,
      );
    });
    expect(only(late)).toEqual([['insurance.uncovered', 'error', 'insurance']]);
    expect(late[0]?.message.en).toBe(
      'The first service day 2026-09-01 is outside the student accident insurance cover (1 days uncovered)',
    );
  });

  it('warns of later days outside the cover, and joins consecutive policies', () => {
    const gap = check((p) => {
      const sl = p.insurance[1] as TermPlan['insurance'][0];
      sl.coverFrom = '2027-01-05'; // 2027-01-01 is a Friday: Jan 4 (Mon) is uncovered
    });
    expect(only(gap)).toEqual([['insurance.lapses', 'warning', 'insurance']]);
    expect(gap[0]?.message.zh).toBe('1 个服务日（自 2027年1月4日 起）不在校方责任保险保险期间内');
    const ends = check((p) => {
      (p.insurance[2] as TermPlan['insurance'][0]).coverTo = '2027-01-20';
    });
    expect(ids(ends)).toEqual(['insurance.lapses']);
  });

  it('names a cover that ends before it starts', () => {
    expect(
      only(
        check((p) => {
          (p.insurance[2] as TermPlan['insurance'][0]).coverTo = '2026-08-31';
        }),
      ),
    ).toEqual([
      ['plan.invalid', 'error', 'insurance[2].coverTo'],
      ['insurance.uncovered', 'error', 'insurance'],
    ]);
  });
});

describe('departure batches (C 2 弹性离校)', () => {
  it('keeps batches within the service time of each season they run in', () => {
    const early = check((p) => p.departureBatches.push({ name: '提前', time: '15:59' }));
    expect(only(early)).toEqual([['departure.outside-service', 'error', 'departureBatches[2].time']]);
    expect(check((p) => p.departureBatches.push({ name: '开始', time: '16:00' }))).toEqual([]);
    const late = check((p) => p.departureBatches.push({ name: '最后', time: '18:00' }));
    expect(only(late)).toEqual([['departure.outside-service', 'error', 'departureBatches[2].time']]);
    expect(late[0]?.message.zh).toBe('离校批次“最后”18:00 晚于非夏令时结束时间 17:30');
    expect(
      check((p) => p.departureBatches.push({ name: '夏令时最后', time: '18:00', seasons: ['summer'] })),
    ).toEqual([]);
  });

  it('warns a 5+2 plan without batches', () => {
    expect(
      only(
        check(
          (p) => {
            p.departureBatches = [];
          },
          {},
          '5+2',
        ),
      ),
    ).toEqual([['departure.none', 'warning', 'departureBatches']]);
    expect(
      check((p) => {
        p.departureBatches = [];
      }),
    ).toEqual([]);
  });
});

describe('contacts (A 四 联系方式, 校长办公室电话)', () => {
  it('needs an emergency contact with a phone', () => {
    expect(
      only(
        check((p) => {
          p.emergencyContacts = [];
        }),
      ),
    ).toEqual([['contacts.emergency', 'error', 'emergencyContacts']]);
    expect(
      only(
        check((p) => {
          p.emergencyContacts = [{ name: '赵主任', role: '值日总护导', phone: '12345' }];
        }),
      ),
    ).toEqual([['contacts.emergency', 'error', 'emergencyContacts[0].phone']]);
    expect(
      check((p) => {
        p.emergencyContacts = [{ name: '赵主任', role: '值日总护导', phone: '+86 138 0013 8000' }];
      }),
    ).toEqual([]);
  });

  it('needs the principal’s office phone', () => {
    expect(
      only(
        check((p) => {
          p.principalOfficePhone = '';
        }),
      ),
    ).toEqual([['contacts.principal-phone', 'error', 'principalOfficePhone']]);
    expect(
      check((p) => {
        p.principalOfficePhone = '020-1234567-801';
      }),
    ).toEqual([]);
  });
});

describe('the rest of the plan', () => {
  it('names bad values', () => {
    const findings = check((p) => {
      (p.venues[0] as TermPlan['venues'][0]).capacity = 0;
      p.endTimes.summer = '6pm';
      (p.departureBatches[0] as TermPlan['departureBatches'][0]).time = '1645';
      p.expectedStudents = -1;
    });
    expect(only(findings)).toEqual([
      ['plan.invalid', 'error', 'endTimes.summer'],
      ['plan.invalid', 'error', 'venues[0].capacity'],
      ['plan.invalid', 'error', 'expectedStudents'],
      ['plan.invalid', 'error', 'departureBatches[0].time'],
    ]);
  });

  it('warns of a term without service days, and checks both seasons then', () => {
    expect(only(check(undefined, { serviceDays: [] }))).toEqual([
      ['calendar.no-service-days', 'warning', undefined],
    ]);
  });

  it('refuses a context it cannot use', () => {
    const policy = defaultPolicy('pilot-4');
    const plan = buildPlan();
    expect(() => checkPlan(policy, plan, buildContext(policy, plan, { enrolledStudents: -1 }))).toThrow(
      RangeError,
    );
    expect(() => checkPlan(policy, plan, buildContext(policy, plan, { today: '2026/08/28' }))).toThrow(
      RangeError,
    );
  });

  it('blocks submission on errors only', () => {
    expect(
      blocksSubmission(
        check(
          (p) => {
            p.departureBatches = [];
          },
          {},
          '5+2',
        ),
      ),
    ).toBe(false);
    expect(
      blocksSubmission(
        check((p) => {
          p.weekdays = [1];
        }),
      ),
    ).toBe(true);
  });

  it('keeps serviceDays in any order', () => {
    const policy = defaultPolicy('pilot-4');
    const plan = buildPlan();
    const ctx = buildContext(policy, plan);
    expect(checkPlan(policy, plan, { ...ctx, serviceDays: [...ctx.serviceDays].reverse() })).toEqual([]);
  });
});

describe('the rule table', () => {
  it('gives every rule a clause, and docs/domain-rules.md lists each with its severity and clause', () => {
    const docs = readFileSync(new URL('../../docs/domain-rules.md', import.meta.url), 'utf8');
    for (const id of PLAN_RULE_IDS) {
      const rule = PLAN_RULES[id];
      expect(rule.clause).not.toBe('');
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, id).toBeDefined();
      expect(row).toContain(`| ${rule.severity} |`);
      expect(row).toContain(`| ${rule.clause} |`);
    }
  });
});

describe('service days and the unified start date (B 六(五) 课后服务统一启动时间)', () => {
  // buildContext's service days begin on Tuesday 2026-09-01.
  it('accepts a first service day on the unified start date itself', () => {
    expect(ids(check(() => {}, { unifiedStartDate: '2026-09-01' }))).toEqual([]);
  });

  it('finds a first service day the day before it, counting the early days', () => {
    const findings = check(() => {}, { unifiedStartDate: '2026-09-02' });
    expect(only(findings)).toEqual([['days.before-unified-start', 'error', 'startsOn']]);
    expect(findings[0]?.clause).toBe('B 六(五)');
    expect(findings[0]?.message.zh).toContain('2026年9月2日');
    expect(findings[0]?.message.en).toContain('1 service days before it');
  });

  it('finds nothing when the region set no unified start date', () => {
    expect(ids(check(() => {}, { unifiedStartDate: null }))).toEqual([]);
  });
});

describe('who is in charge: the plan against the saved grouping and rota (in-charge.ts)', () => {
  const li = { id: 'li', name: '李老师' };
  const wang = { id: 'wang', name: '王老师' };
  const liu = { id: 'liu', name: '刘老师' };
  const group = (weekday: Weekday, name: string, leader: { id: string; name: string } | null) => ({
    weekday,
    name,
    grades: [1],
    venueId: 'library',
    leader,
  });
  const asPlanned = ([1, 2, 3, 4] as Weekday[]).map((w) => group(w, '一年级组', li));

  it('finds nothing before a grouping or rota is saved, nor when they agree with the plan', () => {
    expect(ids(check(() => {}, { arrangement: null }))).toEqual([]);
    expect(ids(check(() => {}, { arrangement: { groups: [], duties: [] } }))).toEqual([]);
    const duties = [
      { weekday: 1 as Weekday, duty: 'manager' as const, person: { id: 'zhao', name: '赵主任' } },
    ];
    expect(ids(check(() => {}, { arrangement: { groups: asPlanned, duties } }))).toEqual([]);
  });

  it('reports a leader the plan does not list, and the plan teacher who leads no group', () => {
    const groups = asPlanned.map((g) => (g.weekday === 2 || g.weekday === 4 ? { ...g, leader: liu } : g));
    expect(only(check(() => {}, { arrangement: { groups, duties: [] } }))).toEqual([
      ['charge.leader-not-in-plan', 'warning', 'staff'],
    ]);
    const all = asPlanned.map((g) => ({ ...g, leader: liu }));
    const findings = check(() => {}, { arrangement: { groups: all, duties: [] } });
    expect(only(findings)).toEqual([
      ['charge.leader-not-in-plan', 'warning', 'staff'],
      ['charge.plan-teacher-leads-none', 'warning', 'groups'],
    ]);
    expect(findings[0]?.message.zh).toBe(
      '刘老师 带周一一年级组、周二一年级组、周三一年级组、周四一年级组，但不在方案的人员中',
    );
    expect(findings[0]?.clause).toBe('A 三.1');
    expect(findings[1]?.message.zh).toBe('方案中一年级组的教师 李老师 在已保存的编班中不带任何班组');
    expect(findings[1]?.clause).toBe('A 二');
  });

  it('reports the weekdays whose number of groups differs from the plan, one finding per number', () => {
    const groups = [...asPlanned, group(1, '一年级二组', wang), group(2, '一年级二组', wang)].filter(
      (g) => g.weekday !== 4,
    );
    const findings = check(() => {}, { arrangement: { groups, duties: [] } });
    expect(only(findings)).toEqual([
      ['charge.group-count', 'warning', 'groups'],
      ['charge.group-count', 'warning', 'groups'],
    ]);
    expect(findings.map((f) => f.message.zh)).toEqual([
      '方案列出 1 个班组，已保存的编班在周一、周二有 2 个',
      '方案列出 1 个班组，已保存的编班在周四有 0 个',
    ]);
  });

  it('reports a manager of the rota the plan does not list, with the weekdays', () => {
    const person = { id: 'huang', name: '黄主任' };
    const duties = [
      { weekday: 4 as Weekday, duty: 'manager' as const, person },
      { weekday: 1 as Weekday, duty: 'manager' as const, person },
      // The duty chief (A 三.6) comes from the rota and need not be one of the plan's paid staff.
      { weekday: 2 as Weekday, duty: 'duty_chief' as const, person: liu },
    ];
    const findings = check(() => {}, { arrangement: { groups: [], duties } });
    expect(only(findings)).toEqual([['charge.manager-not-in-plan', 'warning', 'staff']]);
    expect(findings[0]?.message.zh).toBe('黄主任 是周一、周四值日安排的管理人员，但不在方案的人员中');
    expect(findings[0]?.clause).toBe('B 五(三)');
    // The name is the school's typing, quoted as written: the page marks it as user text (issue 14.13).
    expect(findings[0]?.names).toEqual(['黄主任']);
  });
});
