import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { seedDemoEnrollment } from './enrollment.js';
import { seedDemo } from './seed.js';

describe('demo applications and enrollments', () => {
  let t: TestApp;
  const today = new Date('2026-11-29T04:00:00Z');
  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemo(t.database, { today });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const rows = async (sql: string) => (await t.database.pool.query(sql)).rows;
  const count = async (sql: string) => (await rows(sql))[0].n as number;

  it('has applications in every state at 东湖区实验小学, each with its consent', async () => {
    const byStatus = Object.fromEntries(
      (
        await rows(
          `select a.status, count(*)::int as n from applications a join schools s using (school_id)
           where s.code = '9901020001' group by a.status`,
        )
      ).map((r) => [r.status, r.n]),
    );
    expect(byStatus.approved).toBeGreaterThan(100);
    expect(byStatus.submitted).toBe(20);
    expect(byStatus.waitlisted).toBe(10);
    expect(byStatus.withdrawn).toBe(5);
    expect(
      await count(
        'select count(*)::int as n from applications a where not exists (select 1 from consents c where c.school_id = a.school_id and c.application_id = a.application_id)',
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from applications where status = 'waitlisted' and waitlist_reason is null`,
      ),
    ).toBe(0);
    // Four approved children withdrew: their enrollments end from the next service day.
    expect(await count('select count(*)::int as n from enrollments where withdrawn_from is not null')).toBe(
      4,
    );
    expect(await count('select count(*)::int as n from enrollments where withdrawn_at is null')).toBe(
      byStatus.approved,
    );
    expect(
      await count(
        'select count(*)::int as n from enrollments where extended_custody and extended_custody_reason is not null',
      ),
    ).toBeGreaterThan(0);
    expect(await count('select count(distinct departure_batch)::int as n from enrollments')).toBe(2);
    expect(await count('select count(*)::int as n from pickup_persons')).toBeGreaterThan(100);
    // Enrollments start on a service day after the approval, never before the unified start date.
    const starts = await rows(
      'select distinct e.starts_on::text as d, t.unified_start_date::text as u from enrollments e join terms t using (term_id)',
    );
    for (const s of starts) expect(s.d >= s.u).toBe(true);
  });

  it('records three paper applications, each consent with a PDF scan', async () => {
    const paper = await rows(
      `select f.content_type, substring(f.content from 1 for 5) as head, c.guardian_name
       from consents c join files f on f.school_id = c.school_id and f.file_id = c.scan_file_id
       where c.source = 'paper'`,
    );
    expect(paper).toHaveLength(3);
    for (const p of paper) {
      expect(p.content_type).toBe('application/pdf');
      expect(Buffer.from(p.head).toString('latin1')).toBe('%PDF-');
      expect(p.guardian_name.length).toBeGreaterThan(0);
    }
  });

  it('leaves the demo guardian’s grade-1 child without an application, to apply in a walkthrough; the grade-2 one applied', async () => {
    const kids = await rows(
      `select c.grade, (select count(*)::int from applications a where a.school_id = g.school_id and a.student_id = g.student_id) as apps
       from guardianships g join users u on u.id = g.user_id join students s on s.school_id = g.school_id and s.student_id = g.student_id
       join classes c on c.school_id = s.school_id and c.class_id = s.class_id where u.username = 'guardian' order by c.grade`,
    );
    expect(kids.map((k) => [k.grade, k.apps])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
    ]);
    // The grade-2 child is enrolled for every weekday the notice serves, so that the walk-through
    // finds it in school on whichever service day the demo runs (issue 12).
    const enrolled = await rows(
      `select e.weekdays, e.withdrawn_from from enrollments e
         join guardianships g on g.school_id = e.school_id and g.student_id = e.student_id
         join users u on u.id = g.user_id where u.username = 'guardian'`,
    );
    expect(enrolled).toHaveLength(1);
    expect(enrolled[0]?.weekdays).toEqual([1, 2, 4, 5]);
    expect(enrolled[0]?.withdrawn_from).toBeNull();
  });

  it('tells guardians of decisions in their message centre', async () => {
    expect(
      await count(`select count(*)::int as n from notifications where kind = 'application_approved'`),
    ).toBeGreaterThan(100);
    expect(
      await count(`select count(*)::int as n from notifications where kind = 'application_waitlisted'`),
    ).toBe(10);
  });

  it('adds nothing when run again', async () => {
    const before = await count('select count(*)::int as n from applications');
    await seedDemoEnrollment(t.database, { today });
    await seedDemo(t.database, { today });
    expect(await count('select count(*)::int as n from applications')).toBe(before);
  });
});
