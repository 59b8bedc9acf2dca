import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { termDays } from '../domain/calendar.js';
import { checkPlan } from '../domain/plan-check.js';
import { currentTerm, DEMO_PASSWORD, seedDemo } from './seed.js';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (sql: string) => (await t.database.pool.query(sql)).rows[0].n as number;

  it('makes one city, two counties, three schools, 1,200 students of grades 1–6 with guardians, and is idempotent', async () => {
    const today = new Date('2026-11-29T04:00:00Z');
    const first = await seedDemo(t.database, { today });
    expect(first.created).toBe(true);
    expect(first.term).toBe('2026–2027学年第一学期');
    expect(await count(`select count(*)::int as n from regions where level = 'city'`)).toBe(1);
    expect(await count(`select count(*)::int as n from regions where level = 'county'`)).toBe(2);
    expect(await count('select count(*)::int as n from schools')).toBe(3);
    expect(await count('select count(*)::int as n from students')).toBe(1200);
    expect(await count('select count(distinct grade)::int as n from classes')).toBe(6);
    expect(
      await count(
        'select count(*)::int as n from students s where not exists (select 1 from guardianships g where g.school_id = s.school_id and g.student_id = s.student_id)',
      ),
    ).toBe(0);
    for (const role of ['school_admin', 'care_teacher', 'duty_chief', 'gate_guard', 'guardian']) {
      expect(
        await count(
          `select count(distinct school_id)::int as n from school_memberships where role = '${role}'`,
        ),
        role,
      ).toBe(3);
    }
    // Grade 1 entered this September: student numbers start with the school year.
    const { rows } = await t.database.pool.query(
      `select s.student_no from students s join classes c using (school_id) where c.class_id = s.class_id and c.grade = 1 limit 1`,
    );
    expect(rows[0].student_no.startsWith('2026')).toBe(true);

    const again = await seedDemo(t.database, { today });
    expect(again.created).toBe(false);
    expect(await count('select count(*)::int as n from students')).toBe(1200);
    expect(await count('select count(*)::int as n from schools')).toBe(3);
  });

  it('lets every demo account log in with the printed password and land in its scope', async () => {
    for (const username of [
      'bureau',
      'bureau.donghu',
      'school.admin',
      'teacher',
      'duty.chief',
      'gate.guard',
      'guardian',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: username, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, username).toBe(200);
      expect(res.json().memberships.length, username).toBeGreaterThan(0);
    }
  });

  it('gives the demo guardian three children (grades 1, 2 and 3)', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: 'guardian', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const children = await t.app.inject({ url: '/api/guardian/children', headers: { cookie } });
    expect(children.json().items).toHaveLength(3);
  });

  it('has a policy per county, the current term and plans approved, submitted and returned', async () => {
    const { rows } = await t.database.pool.query(
      `select s.code, s.type, s.grades, p.status, p.content, pv.policy, t.first_day, t.last_day
       from plans p join schools s using (school_id) join terms t using (term_id)
       join policy_versions pv on pv.version_id = p.policy_version_id order by s.code`,
    );
    expect(rows.map((r) => r.status)).toEqual(['approved', 'submitted', 'returned']);
    expect(rows.map((r) => r.policy.model)).toEqual(['pilot-4', 'pilot-4', '5+2']);
    for (const row of rows) {
      const serviceDays = termDays({
        term: { firstDay: row.first_day, lastDay: row.last_day },
        weekdays: row.content.weekdays,
        summerSeason: row.policy.summerSeason,
      }).serviceDays;
      const findings = checkPlan(row.policy, row.content, {
        serviceDays,
        schoolType: row.type,
        schoolGrades: row.grades,
        enrolledStudents: 0,
        today: row.first_day,
      });
      // The demo's plans are what a careful school would submit: no errors.
      expect(
        findings.filter((f) => f.severity === 'error'),
        row.code,
      ).toEqual([]);
    }
    const notice = await t.database.pool.query('select version from notices');
    expect(notice.rows).toEqual([{ version: 1 }]);
    // Every submission names the school admin who made it.
    const anonymous = await t.database.pool.query(
      `select count(*)::int as n from plan_events where action = 'submit' and actor_user_id is null`,
    );
    expect(anonymous.rows[0].n).toBe(0);
    const returned = await t.database.pool.query(`select comment from plan_events where action = 'return'`);
    expect(returned.rows[0].comment).toContain('应急联系电话');
  });

  it('knows the term from the date, in the school’s zone', () => {
    expect(currentTerm(new Date('2026-08-31T16:30:00Z')).term).toBe('2026–2027学年第一学期'); // 9月1日 00:30 上海
    expect(currentTerm(new Date('2027-01-15T00:00:00Z')).term).toBe('2026–2027学年第一学期');
    expect(currentTerm(new Date('2027-03-01T00:00:00Z')).term).toBe('2026–2027学年第二学期');
    expect(currentTerm(new Date('2027-07-31T16:30:00Z')).term).toBe('2027–2028学年第一学期'); // 8月1日 上海
  });
});
