// "No code path creates an enrollment without a consent record" (issue 4, B 四(一) 自愿参加): the table
// refuses one, and the only code that inserts into it takes the consent the enrollment rests on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { buildMember, buildPolicyVersion, buildRegion, buildSchool } from '../../../../test/factories.js';
import { buildApplication, buildOpenTerm } from './fixtures.js';

const SRC = path.resolve(import.meta.dirname, '../../../');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('an enrollment rests on a consent', () => {
  let t: TestApp;
  let ids: { schoolId: string; termId: string; studentId: string; applicationId: string; consentId: string };
  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const county = await buildRegion(db, { parent: await buildRegion(db) });
    await buildPolicyVersion(db, county);
    const school = await buildSchool(db, { region: county });
    const open = await buildOpenTerm(db, school, county);
    const g = await buildMember(db, 'guardian', { school });
    const { application, consent } = await buildApplication(db, {
      schoolId: school.schoolId,
      termId: open.termId,
      planId: open.planId,
      studentId: g.child?.studentId as string,
      guardianUserId: g.user.id,
    });
    ids = {
      schoolId: school.schoolId,
      termId: open.termId,
      studentId: application.studentId,
      applicationId: application.applicationId,
      consentId: consent.consentId,
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const insert = (consentId: string | null) =>
    t.database.pool.query(
      `insert into enrollments (school_id, term_id, student_id, application_id, consent_id, weekdays,
         departure_batch, extended_custody, may_leave_alone, starts_on)
       values ($1, $2, $3, $4, $5, '{1,2}', '第一批', false, false, '2026-12-01')`,
      [ids.schoolId, ids.termId, ids.studentId, ids.applicationId, consentId],
    );

  it('is refused by the database without a consent, or with one that does not exist', async () => {
    await expect(insert(null)).rejects.toMatchObject({ code: '23502', column: 'consent_id' });
    await expect(insert(crypto.randomUUID())).rejects.toMatchObject({
      code: '23503',
      constraint: 'enrollments_consent_fk',
    });
    const { rows } = await t.database.pool.query('select count(*)::int as n from enrollments');
    expect(rows[0].n).toBe(0);
    // With its consent it is accepted (the constraint is not refusing everything).
    await expect(insert(ids.consentId)).resolves.toMatchObject({ rowCount: 1 });
  });

  it('is inserted by one function only, which takes the consent row', () => {
    const hits = sourceFiles(SRC).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const count = (text.match(/\.insert\(\s*enrollments\s*\)/g) ?? []).length;
      return count > 0 ? [{ file: path.relative(SRC, file), count }] : [];
    });
    expect(hits).toEqual([{ file: 'server/features/applications/approve-applications.ts', count: 1 }]);
    const text = fs.readFileSync(
      path.join(SRC, 'server/features/applications/approve-applications.ts'),
      'utf8',
    );
    expect(text).toMatch(
      /async function enrollApproved\(\s*tx: Tx,\s*input: \{ application: ApplicationRow; consent: ConsentRow; startsOn: string \}/,
    );
    expect(text).toContain('consentId: consent.consentId');
    // Nor is raw SQL used to get round it.
    for (const file of sourceFiles(SRC)) {
      expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/insert\s+into\s+enrollments/i);
    }
  });
});
