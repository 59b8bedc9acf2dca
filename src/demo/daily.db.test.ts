// The demo works on any day (issue 5): on a Sunday the demo clock stands at Friday's service
// afternoon, the days before it are complete and closed, and on the demo day every group but the
// demo teacher's has had its roll call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { schoolDate, schoolTime } from '../server/clock.js';
import { demoClockStart, startDemoClock } from './daily.js';
import { seedDemo } from './seed.js';

describe('demo clock and demo days', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await database.pool.query(sql, params)).rows as T[];

  it('starts on the most recent service day at 15:50 and seeds it and the days before', async () => {
    const sunday = new Date('2026-11-29T04:00:00Z');
    await seedDemo(database, { today: sunday });
    const clock = await startDemoClock(database, { today: sunday });
    if (!clock) throw new Error('no demo clock');
    // 东湖区实验小学 serves Monday, Tuesday, Thursday and Friday (B 二 每周四个下午).
    expect(schoolDate(clock.now())).toBe('2026-11-27');
    expect(schoolTime(clock.now())).toBe('15:50');

    const closed = await rows<{ service_date: string }>(
      `select to_char(service_date, 'YYYY-MM-DD') as service_date from day_closures order by 1`,
    );
    expect(closed.map((r) => r.service_date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-26']);
    const [today] = await rows<{ marks: number; releases: number; leaves: number }>(
      `select count(*) filter (where kind = 'mark')::int as marks,
              count(*) filter (where kind = 'release')::int as releases,
              (select count(*)::int from leave_requests where from_date <= '2026-11-27' and to_date >= '2026-11-27') as leaves
         from child_day_events where service_date = '2026-11-27'`,
    );
    expect(today?.marks).toBeGreaterThan(40);
    expect(today?.releases).toBe(0);
    expect(today?.leaves).toBeGreaterThanOrEqual(2);
    // The demo teacher's group is left for the walk-through.
    const [teacherGroup] = await rows<{ members: number; marked: number }>(
      `select count(*)::int as members,
              count(e.event_id)::int as marked
         from service_groups g
         join staff s on s.school_id = g.school_id and s.staff_id = g.teacher_staff_id
         join users u on u.id = s.user_id and u.username = 'teacher'
         join group_members m on m.school_id = g.school_id and m.group_id = g.group_id
         left join child_day_events e on e.school_id = m.school_id and e.enrollment_id = m.enrollment_id
              and e.service_date = '2026-11-27'
        where g.weekday = 5`,
    );
    expect(teacherGroup?.members).toBeGreaterThan(0);
    expect(teacherGroup?.marked).toBe(0);
    // The demo guardian has a child in the service that day, marked present.
    const guardianKid = await rows<{ mark: string }>(
      `select e.mark from child_day_events e
         join guardianships g on g.school_id = e.school_id and g.student_id = e.student_id
         join users u on u.id = g.user_id and u.username = 'guardian'
        where e.service_date = '2026-11-27' and e.kind = 'mark'`,
    );
    expect(guardianKid.map((r) => r.mark)).toEqual(['present']);

    // Again: nothing more.
    const before = await rows<{ n: number }>('select count(*)::int as n from child_day_events');
    await startDemoClock(database, { today: sunday });
    expect(await rows<{ n: number }>('select count(*)::int as n from child_day_events')).toEqual(before);
  }, 120_000);

  it('chooses the demo day for each weekday and in the holidays (issue 12)', async () => {
    // Seeded by the test above; the clock's start reads the plan and the calendar only.
    const at = async (date: string) => {
      const start = await demoClockStart(database, new Date(`${date}T04:00:00Z`));
      return start ? `${schoolDate(start)} ${schoolTime(start)}` : null;
    };
    const week = [
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ];
    const chosen = [];
    for (const date of week) chosen.push(await at(date));
    expect(chosen).toEqual([
      '2026-11-30 15:50',
      '2026-12-01 15:50',
      '2026-12-01 15:50',
      '2026-12-03 15:50',
      '2026-12-04 15:50',
      '2026-12-04 15:50',
      '2026-12-04 15:50',
    ]);
    // New Year's Day (a Friday) → the Thursday before; the winter holidays → the term's last
    // service day; before the unified start (B 六(五)) → the first service day.
    expect(await at('2027-01-01')).toBe('2026-12-31 15:50');
    expect(await at('2027-02-10')).toBe('2027-01-22 15:50');
    expect(await at('2026-09-02')).toBe('2026-09-07 15:50');
  });
});
