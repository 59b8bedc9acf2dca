import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { seedDemoGrouping } from './grouping.js';
import { seedDemo } from './seed.js';

describe('demo grouping (F-08)', () => {
  let t: TestApp;
  const today = new Date('2026-11-29T04:00:00Z');
  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemo(t.database, { today });
  });
  afterAll(async () => {
    await t.close();
  });

  const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;

  it('groups every enrolled child of 东湖区实验小学 on each day, audited, with the demo teacher leading groups', async () => {
    const [school] = await q(`select school_id from schools where code = '9901020001'`);
    const groups = await q('select * from service_groups where school_id = $1', [school.school_id]);
    expect(groups.length).toBeGreaterThan(0);
    const [unplaced] = await q(
      `select count(*)::int as n from enrollments e, unnest(e.weekdays) as d(weekday)
       where e.school_id = $1 and e.withdrawn_at is null
         and not exists (select 1 from group_members m where m.school_id = e.school_id
           and m.enrollment_id = e.enrollment_id and m.weekday = d.weekday)`,
      [school.school_id],
    );
    expect(unplaced.n).toBe(0);
    const led = await q(
      `select g.weekday from service_groups g join staff s on s.school_id = g.school_id
       and s.staff_id = g.teacher_staff_id join users u on u.id = s.user_id
       where g.school_id = $1 and u.username = 'teacher'`,
      [school.school_id],
    );
    expect(led.length).toBeGreaterThan(0);
    const [audit] = await q(
      `select count(*)::int as n from audit_log where action = 'grouping.save' and scope_school_id = $1`,
      [school.school_id],
    );
    expect(audit.n).toBe(1);
  });

  it('adds nothing the second time', async () => {
    const before = await q('select count(*)::int as n from group_members');
    await seedDemo(t.database, { today });
    await seedDemoGrouping(t.database, { today });
    expect(await q('select count(*)::int as n from group_members')).toEqual(before);
  });
});
