import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { letterStatus } from '../domain/staff.js';
import { seedDemo } from './seed.js';

describe('demo staff and rota (F-09, F-10)', () => {
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

  it('gives 东湖区实验小学 14 staff with accounts linked, a leadership group and letters, one expired, one missing', async () => {
    const staff = await q(
      `select st.*, u.username from staff st join schools s using (school_id)
       left join users u on u.id = st.user_id where s.code = '9901020001' order by st.staff_no`,
    );
    expect(staff).toHaveLength(14);
    expect(
      staff
        .filter((s) => s.username)
        .map((s) => s.username)
        .sort(),
    ).toEqual(['duty.chief', 'school.admin', 'teacher']);
    expect(staff.filter((s) => s.leadership_position === 'leader').map((s) => s.name)).toEqual(['林校长']);
    expect(staff.filter((s) => s.leadership_position === 'deputy').map((s) => s.name)).toEqual(['黄主任']);
    expect(staff.filter((s) => s.leadership_position === 'member')).toHaveLength(2);
    const letters = await q(
      `select l.staff_id, l.signed_on::text, l.valid_until::text, f.content_type, f.content
       from responsibility_letters l join files f on f.school_id = l.school_id and f.file_id = l.scan_file_id
       where l.school_id = $1`,
      [staff[0].school_id],
    );
    const statuses = staff.map((s) =>
      letterStatus(
        letters
          .filter((l) => l.staff_id === s.staff_id)
          .map((l) => ({ signedOn: l.signed_on, validUntil: l.valid_until })),
        '2026-11-29',
      ),
    );
    expect(statuses.filter((s) => s === 'expired')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'missing')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'current')).toHaveLength(12);
    expect(letters.every((l) => l.content_type === 'application/pdf')).toBe(true);
    expect(letters[0].content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names the staff records in the plan and puts one duty chief on every service weekday', async () => {
    for (const code of ['9901020001', '9901020002', '9901030001']) {
      const [plan] = await q(
        `select p.content, p.school_id, p.term_id from plans p join schools s using (school_id) where s.code = $1`,
        [code],
      );
      const ids = new Set(
        (await q('select staff_id from staff where school_id = $1', [plan.school_id])).map((r) => r.staff_id),
      );
      for (const person of plan.content.staff)
        expect(ids.has(person.id), `${code} ${person.name}`).toBe(true);
      const chiefs = await q(
        `select weekday from duty_assignments where school_id = $1 and term_id = $2 and duty = 'duty_chief' order by weekday`,
        [plan.school_id, plan.term_id],
      );
      expect(
        chiefs.map((c) => c.weekday),
        code,
      ).toEqual(plan.content.weekdays);
      if (code === '9901020001') {
        // The demo account duty.chief is the chief on every day the demo day can be (issue 14.12).
        const accounts = await q(
          `select distinct u.username from duty_assignments d join staff s on s.school_id = d.school_id and s.staff_id = d.staff_id
             join users u on u.id = s.user_id where d.school_id = $1 and d.term_id = $2 and d.duty = 'duty_chief'`,
          [plan.school_id, plan.term_id],
        );
        expect(accounts.map((a) => a.username)).toEqual(['duty.chief']);
      }
    }
  });

  it('adds nothing when run again', async () => {
    const before = await q(
      `select (select count(*) from staff)::int as s, (select count(*) from responsibility_letters)::int as l,
              (select count(*) from duty_assignments)::int as d, (select count(*) from files)::int as f`,
    );
    await seedDemo(t.database, { today });
    const after = await q(
      `select (select count(*) from staff)::int as s, (select count(*) from responsibility_letters)::int as l,
              (select count(*) from duty_assignments)::int as d, (select count(*) from files)::int as f`,
    );
    expect(after).toEqual(before);
  });
});
