// Backup and restore against a real PostgreSQL (embedded 18 and, in CI, the server 15): every table
// round-trips row for row, a backup taken under concurrent writes is one consistent snapshot, a
// school moves into a database holding other schools, and damaged files change nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../test/db.js';
import {
  buildClass,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildTerm,
  buildUser,
  type RegionRow,
  type SchoolRow,
} from '../../test/factories.js';
import { testCodes } from '../../test/pickup-codes.js';
import { type BackupSummary, backupDatabase, readBackupSummary, restoreDatabase } from './backup.js';
import type { Db } from './connect.js';
import * as schema from './schema.js';
import {
  auditLog,
  calendarOverrides,
  guardianships,
  loginAttempts,
  loginCodes,
  notices,
  planEvents,
  regionMemberships,
  schoolMemberships,
  schoolNoServiceDays,
  sessions,
  setupTokens,
  students,
  users,
} from './schema.js';
import { StartupError } from './startup-error.js';

// KEHOU_TEST_VERBOSE=1 prints the backup/restore progress lines and timings.
const verbose = process.env.KEHOU_TEST_VERBOSE ? (line: string) => console.log(line) : undefined;

// Text that COPY must escape, and that a naive line format would break on.
const NASTY = [
  '王"小"明',
  "O'Brien 奥布莱恩",
  'C:\\学生\\名单',
  '第一行\n第二行',
  'tab\tseparated',
  'cr\r\nlf',
  '\\.',
  '\\N',
  '🎒书包',
  '',
];

interface Dataset {
  city: RegionRow;
  countyA: RegionRow;
  countyC: RegionRow;
  schoolA: SchoolRow;
  schoolB: SchoolRow;
  schoolC: SchoolRow;
  sharedUserId: string;
}

// Two region levels, three schools (A and B in one county, C in another), classes, 210 students,
// one guardian each plus one guardian and one teacher shared by A and B, a bureau member, sessions,
// login attempts, setup tokens and audit rows with every awkward value we could think of.
async function buildDataset(db: Db): Promise<Dataset> {
  const city = await buildRegion(db, { level: 'city', name: '广州市' });
  const countyA = await buildRegion(db, { parent: city, name: '越秀区' });
  const countyC = await buildRegion(db, { parent: city, name: '天河区' });
  const schoolA = await buildSchool(db, { region: countyA, name: '越秀区"实验"小学' });
  const schoolB = await buildSchool(db, { region: countyA, name: '越秀区第二小学' });
  const schoolC = await buildSchool(db, { region: countyC, name: '天河区\\第一小学' });
  await db
    .update(schema.schools)
    .set({ address: '广州市越秀区\n某路 1 号 "东门"', phone: null, grades: [1, 2, 3] })
    .where(eq(schema.schools.schoolId, schoolA.schoolId));

  const shared = await buildUser(db, { displayName: '共享家长 "张"', phone: '13800000000' });
  const teacher = await buildUser(db, {
    displayName: '两校老师\\李',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def',
  });
  for (const school of [schoolA, schoolB, schoolC]) {
    const admin = await buildUser(db, { displayName: NASTY[schoolA === school ? 3 : 0] ?? '管理员' });
    await db
      .insert(schoolMemberships)
      .values([
        { schoolId: school.schoolId, userId: admin.id, role: 'school_admin' },
        ...(school === schoolC
          ? []
          : [{ schoolId: school.schoolId, userId: teacher.id, role: 'care_teacher' as const }]),
      ]);
    const classes: { classId: string }[] = [];
    for (let grade = 1; grade <= 6; grade++)
      classes.push(await buildClass(db, school, grade, `${grade}年级(1)班`));
    const rows = Array.from({ length: 70 }, (_, i) => ({
      schoolId: school.schoolId,
      studentNo: `S${school.code.slice(-4)}${String(i).padStart(4, '0')}`,
      name: `${NASTY[i % NASTY.length] ?? ''}学生${i}`,
      gender: i % 2 ? ('male' as const) : ('female' as const),
      classId: classes[i % classes.length]?.classId ?? '',
    }));
    const kids = await db.insert(students).values(rows).returning();
    const parents = await db
      .insert(users)
      .values(
        kids.map((kid, i) => ({
          username: `p${school.code}${i}`,
          phone: i % 3 === 0 ? null : `139${school.code.slice(-4)}${String(i).padStart(4, '0')}`,
          displayName: `${kid.name}的家长`,
          passwordHash: i % 2 ? null : `$argon2id$v=19$hash${i}`,
          disabledAt: i === 5 ? new Date('2026-03-01T08:00:00Z') : null,
        })),
      )
      .returning();
    await db.insert(schoolMemberships).values(
      parents.map((p, i) => ({
        schoolId: school.schoolId,
        userId: p.id,
        role: 'guardian' as const,
        revokedAt: i === 7 ? new Date('2026-04-01T00:00:00Z') : null,
      })),
    );
    await db.insert(guardianships).values(
      kids.map((kid, i) => ({
        schoolId: school.schoolId,
        studentId: kid.studentId,
        userId: parents[i]?.id ?? '',
        relation: i % 2 ? '父亲' : '母亲',
      })),
    );
    if (school !== schoolC) {
      await db
        .insert(schoolMemberships)
        .values({ schoolId: school.schoolId, userId: shared.id, role: 'guardian' });
      await db.insert(guardianships).values({
        schoolId: school.schoolId,
        studentId: kids[0]?.studentId ?? '',
        userId: shared.id,
        relation: '祖母',
      });
    }
  }

  const bureau = await buildUser(db, { displayName: '教育局 王科长' });
  await db.insert(regionMemberships).values({ userId: bureau.id, regionId: city.id, role: 'bureau' });
  await db.insert(sessions).values([
    {
      tokenHash: 'a'.repeat(64),
      userId: bureau.id,
      csrfToken: 'csrf',
      createdAt: new Date(),
      lastSeenAt: new Date(),
      ip: '10.0.0.1',
      userAgent: 'Mozilla/5.0 "quoted"',
    },
  ]);
  await db.insert(loginAttempts).values([
    { identifier: 'wang', at: new Date('2026-05-01T01:02:03.456789Z'), succeeded: 0, ip: '2001:db8::1' },
    { identifier: 'wang', at: new Date('2026-05-01T01:02:04Z'), succeeded: 1, ip: null },
  ]);
  await db.insert(setupTokens).values([{ tokenHash: 'used', usedAt: new Date() }, { tokenHash: 'unused' }]);
  const scopes = [schoolA, schoolB, schoolC, null];
  await db.insert(auditLog).values(
    Array.from({ length: 60 }, (_, i) => {
      const school = scopes[i % scopes.length] ?? null;
      return {
        at: new Date(Date.UTC(2026, 4, 1, 8, 0, i, i)),
        actorUserId: i % 5 === 0 ? null : teacher.id,
        action: i % 2 ? 'student.update' : 'member.create',
        objectType: 'student',
        objectId: i % 7 === 0 ? null : `obj-${i}`,
        scopeSchoolId: school?.schoolId ?? null,
        scopeRegionId: school ? null : city.id,
        ip: [null, '192.168.1.20', '::1', '2001:db8:85a3::8a2e:370:7334'][i % 4] ?? null,
        userAgent: NASTY[i % NASTY.length] ?? null,
        details:
          i % 6 === 0
            ? null
            : {
                text: NASTY[(i + 1) % NASTY.length],
                list: [1, '二', null, { deep: 'a\\b"c' }],
                nested: { zh: '中文', quote: '\'"', newline: '\n' },
                n: i / 3,
              },
      };
    }),
  );
  // Policy, calendar, term and plans: reference rows of the city and county, a plan with its
  // history and notice at school A, a no-service day at school B.
  const policy = await buildPolicyVersion(db, countyA, { createdBy: bureau.id });
  await db.insert(calendarOverrides).values([
    { regionId: city.id, date: '2027-02-05', kind: 'holiday', name: '除夕 "暂定"', confirmed: false },
    { regionId: city.id, date: '2027-02-20', kind: 'makeup_workday', name: '春节调休', confirmed: true },
  ]);
  const term = await buildTerm(db, city, { code: '2026-2027-1' });
  const plan = await buildPlan(db, schoolA, term.termId, {
    status: 'approved',
    policyVersionId: policy.versionId,
  });
  await buildPlan(db, schoolB, term.termId, { status: 'draft' });
  await db.insert(planEvents).values([
    {
      schoolId: schoolA.schoolId,
      planId: plan.planId,
      action: 'submit',
      revision: 1,
      content: plan.content,
      actorUserId: teacher.id,
      at: new Date('2026-08-20T02:00:00Z'),
    },
    {
      schoolId: schoolA.schoolId,
      planId: plan.planId,
      action: 'approve',
      comment: '同意\n"备案"',
      revision: 1,
      content: plan.content,
      actorUserId: bureau.id,
      at: new Date('2026-08-21T02:00:00Z'),
    },
  ]);
  await db.insert(notices).values({
    schoolId: schoolA.schoolId,
    planId: plan.planId,
    version: 1,
    content: plan.content,
    publishedAt: new Date('2026-08-21T02:00:00Z'),
  });
  await db
    .insert(schoolNoServiceDays)
    .values({ schoolId: schoolB.schoolId, date: '2026-11-12', reason: '期中考试' });
  await buildEnrollmentRows(db, schoolA, term.termId, plan.planId, teacher.id);
  await db.insert(loginCodes).values({
    userId: shared.id,
    codeHash: 'hash',
    schoolId: schoolA.schoolId,
    issuedAt: new Date('2026-08-22T02:00:00Z'),
    expiresAt: new Date('2026-09-22T02:00:00Z'),
  });
  return { city, countyA, countyC, schoolA, schoolB, schoolC, sharedUserId: shared.id };
}

// Enrollment, staff and grouping rows at school A (issue 4 tables): binary scans with every byte
// value, staff with a letter, a pickup person, an application in each state, consents (online and
// paper), enrollments, a group with members, the day's duties and a notification.
async function buildEnrollmentRows(
  db: Db,
  school: SchoolRow,
  termId: string,
  planId: string,
  byUserId: string,
) {
  const kids = await db.select().from(students).where(eq(students.schoolId, school.schoolId)).limit(4);
  const guardians = await db.select().from(guardianships).where(eq(guardianships.schoolId, school.schoolId));
  const guardianOf = (studentId: string) =>
    guardians.find((g) => g.studentId === studentId)?.userId ?? byUserId;
  const allBytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
  const [scan] = await db
    .insert(schema.files)
    .values({
      schoolId: school.schoolId,
      purpose: 'application_scan',
      contentType: 'application/pdf',
      fileName: '报名表 "扫描".pdf',
      byteSize: allBytes.length,
      sha256: 'x',
      content: allBytes,
      uploadedBy: byUserId,
    })
    .returning();
  const [member] = await db
    .insert(schema.staff)
    .values({
      schoolId: school.schoolId,
      userId: byUserId,
      staffNo: 'T\\001',
      name: NASTY[0] ?? '',
      phone: '13700000000',
      kind: 'teacher',
      leadershipPosition: 'member',
      leadershipDuties: ['统筹安排编班', '学生安全教育\n卫生保健'],
    })
    .returning();
  if (!scan || !member || kids.length < 4) throw new Error('dataset');
  await db.insert(schema.responsibilityLetters).values({
    schoolId: school.schoolId,
    staffId: member.staffId,
    signedOn: '2026-08-25',
    validUntil: '2027-08-24',
    scanFileId: scan.fileId,
  });
  await db.insert(schema.pickupPersons).values({
    schoolId: school.schoolId,
    studentId: kids[0]?.studentId ?? '',
    name: '外婆 "王"',
    relation: '外祖母',
    phone: '13600000000',
    photoFileId: scan.fileId,
  });
  const at = new Date('2026-08-28T02:00:00Z');
  const statuses = ['approved', 'submitted', 'waitlisted', 'withdrawn'] as const;
  const apps = await db
    .insert(schema.applications)
    .values(
      kids.map((kid, i) => ({
        schoolId: school.schoolId,
        termId,
        planId,
        studentId: kid.studentId,
        status: statuses[i] ?? 'submitted',
        source: i === 1 ? ('paper' as const) : ('online' as const),
        weekdays: [1, 3, 5],
        departureBatch: '第一批',
        extendedCustody: i === 0,
        extendedCustodyReason: i === 0 ? '父母\t下班晚' : null,
        mayLeaveAlone: i === 3,
        submittedBy: guardianOf(kid.studentId),
        submittedAt: at,
        waitlistReason: i === 2 ? '场地已满\n请等待' : null,
        withdrawnAt: i === 3 ? at : null,
      })),
    )
    .returning();
  const given = await db
    .insert(schema.consents)
    .values(
      apps.map((a, i) => ({
        schoolId: school.schoolId,
        applicationId: a.applicationId,
        source: a.source,
        guardianUserId: i === 1 ? null : guardianOf(a.studentId),
        guardianName: NASTY[i] ?? '家长',
        givenAt: at,
        planId,
        noticeVersion: 1,
        scanFileId: i === 1 ? scan.fileId : null,
        recordedBy: byUserId,
        recordedAt: at,
        ip: i === 0 ? '10.1.2.3' : null,
      })),
    )
    .returning();
  const first = apps[0];
  const consent = given[0];
  if (!first || !consent) throw new Error('dataset');
  const [enrollment] = await db
    .insert(schema.enrollments)
    .values({
      schoolId: school.schoolId,
      termId,
      studentId: first.studentId,
      applicationId: first.applicationId,
      consentId: consent.consentId,
      weekdays: first.weekdays,
      departureBatch: first.departureBatch,
      extendedCustody: true,
      extendedCustodyReason: first.extendedCustodyReason,
      mayLeaveAlone: false,
      startsOn: '2026-09-07',
    })
    .returning();
  const [group] = await db
    .insert(schema.serviceGroups)
    .values({
      schoolId: school.schoolId,
      termId,
      weekday: 1,
      name: '一组 "周一"',
      grades: [1, 2],
      venueId: 'v1',
      teacherStaffId: member.staffId,
    })
    .returning();
  if (!enrollment || !group) throw new Error('dataset');
  await db.insert(schema.groupMembers).values({
    schoolId: school.schoolId,
    groupId: group.groupId,
    enrollmentId: enrollment.enrollmentId,
    termId,
    weekday: 1,
  });
  await db
    .insert(schema.dutyAssignments)
    .values({ schoolId: school.schoolId, termId, weekday: 1, staffId: member.staffId, duty: 'duty_chief' });
  await db.insert(schema.notifications).values({
    schoolId: school.schoolId,
    userId: guardianOf(first.studentId),
    kind: 'application_decided',
    title: { zh: '报名已通过', en: 'Application approved' },
    body: { zh: NASTY[3] ?? '', en: 'quote "x"' },
    data: { applicationId: first.applicationId },
  });
  // A day of daily operation (issue 5): marks with a correction, a release, custody, leave, the
  // pickup code, a handover, a visitor and the closed day.
  const [person] = await db
    .select()
    .from(schema.pickupPersons)
    .where(eq(schema.pickupPersons.studentId, first.studentId));
  if (!person) throw new Error('dataset');
  const day = '2026-09-07';
  const base = { schoolId: school.schoolId, serviceDate: day, studentId: first.studentId };
  await db.insert(schema.childDayEvents).values([
    {
      ...base,
      enrollmentId: enrollment.enrollmentId,
      kind: 'mark',
      mark: 'absent',
      groupId: group.groupId,
      at,
      byUser: byUserId,
      deviceId: 'phone "1"',
    },
    { ...base, enrollmentId: enrollment.enrollmentId, kind: 'mark', mark: 'late', at, byUser: byUserId },
    {
      ...base,
      enrollmentId: enrollment.enrollmentId,
      kind: 'custody',
      staffId: member.staffId,
      automatic: true,
      at,
    },
    {
      ...base,
      enrollmentId: enrollment.enrollmentId,
      kind: 'release',
      method: 'listed_person',
      pickupPersonId: person.personId,
      identityCheck: 'id_last4',
      idLast4: '123X',
      earlyBatchTime: '17:00',
      earlyMinutes: 47,
      note: NASTY[2] ?? '',
      at,
      byUser: byUserId,
    },
  ]);
  await db.insert(schema.leaveRequests).values({
    schoolId: school.schoolId,
    studentId: kids[1]?.studentId ?? '',
    fromDate: day,
    toDate: '2026-09-09',
    reason: '发烧\n"看病"',
    requestedBy: guardianOf(kids[1]?.studentId ?? ''),
    requestedAt: at,
  });
  await db
    .insert(schema.batchChoices)
    .values({ ...base, batch: '第二批', changedBy: byUserId, changedAt: at });
  // Only the code's hash and nonce are stored (issue 13.8); bytea and uuid[] go through COPY.
  const issued = testCodes.issue({ schoolId: school.schoolId, date: day, studentId: first.studentId });
  await db.insert(schema.pickupCodes).values({
    ...base,
    codeHash: issued.codeHash,
    nonce: issued.nonce,
    failures: 2,
    viewedBy: [guardianOf(first.studentId)],
  });
  await db.insert(schema.handovers).values({
    schoolId: school.schoolId,
    serviceDate: day,
    stage: 'start',
    groupId: group.groupId,
    fromName: '班主任 "李"',
    toName: NASTY[0] ?? '',
    expectedCount: 2,
    countedCount: 1,
    discrepancies: '少一人\t已联系',
    recordedBy: byUserId,
    recordedAt: at,
  });
  await db.insert(schema.gateVisits).values({
    schoolId: school.schoolId,
    visitDate: day,
    visitorName: NASTY[1] ?? '',
    purpose: '送药',
    host: '一年级1班班主任',
    inAt: at,
    inBy: byUserId,
  });
  await db.insert(schema.dayClosures).values({
    schoolId: school.schoolId,
    serviceDate: day,
    closedBy: byUserId,
    closedAt: at,
    summary: { released: 1 },
  });
  await db.insert(schema.idempotencyKeys).values({
    userId: byUserId,
    key: 'roll-call:0001',
    requestHash: 'h',
    responseStatus: 200,
    responseBody: '{"saved":"\\"1\\""}',
  });
}

async function publicTables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select relname::text as name from pg_class
     where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') order by 1`,
  );
  return rows.map((r) => r.name);
}

// Every row as JSON, sorted: equal arrays mean equal tables, whatever the physical order.
async function dump(pool: pg.Pool, table: string, where = 'true'): Promise<string[]> {
  const { rows } = await pool.query<{ row: string }>(
    `select row_to_json(t)::text as row from public."${table}" t where ${where}`,
  );
  return rows.map((r) => r.row).sort();
}

async function dumpAll(pool: pg.Pool): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await publicTables(pool)) out[table] = await dump(pool, table);
  return out;
}

async function rowCount(pool: pg.Pool, table: string, where = 'true'): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from public."${table}" where ${where}`,
  );
  return rows[0]?.n ?? -1;
}

async function expectEmpty(pool: pg.Pool): Promise<void> {
  for (const table of await publicTables(pool)) expect(await rowCount(pool, table), table).toBe(0);
}

async function startupError(promise: Promise<unknown>): Promise<StartupError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error('expected a StartupError');
}

// A fresh database with nothing in it (not even the schema): what a new server looks like.
async function emptyTarget(): Promise<{ pool: pg.Pool; close(): Promise<void> }> {
  const empty = await createEmptyDatabase();
  const pool = new pg.Pool({ connectionString: empty.url, max: 4 });
  return {
    pool,
    async close() {
      await pool.end();
      await empty.drop();
    },
  };
}

function rewrite(file: string, out: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  fs.writeFileSync(out, gzipSync(Buffer.from(edit(lines).join('\n'), 'utf8')));
}

describe('backup and restore', () => {
  let tmp: string;
  let source: TestDatabase;
  let data: Dataset;
  let fullFile: string;
  let full: BackupSummary;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-backup-'));
    source = await createTestDatabase();
    data = await buildDataset(source.db);
    fullFile = path.join(tmp, 'full.kehou.gz');
    full = await backupDatabase({ pool: source.pool, file: fullFile, log: verbose });
  });
  afterAll(async () => {
    await source?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('restores a full backup into an empty database, every table row for row', async () => {
    expect(fs.existsSync(`${fullFile}.tmp`)).toBe(false);
    // The file holds password hashes: only its owner may read it.
    expect(fs.statSync(fullFile).mode & 0o777).toBe(0o600);
    expect(full.formatVersion).toBe(1);
    expect(full.schoolCode).toBeNull();
    expect(full.migration).toMatch(/^\d{4}_/);
    expect(await readBackupSummary(fullFile)).toEqual(full);

    const target = await emptyTarget();
    try {
      const started = performance.now();
      const restored = await restoreDatabase({ pool: target.pool, file: fullFile, log: verbose });
      verbose?.(
        `full restore of ${full.tables.reduce((n, t) => n + t.rows, 0)} rows: ${Math.round(performance.now() - started)} ms`,
      );
      expect(restored).toEqual(full);

      // Every table the schema declares, so that a table added later is compared without anyone
      // remembering to add it here.
      const declared = (Object.values(schema) as unknown[])
        .filter((value): value is PgTable => is(value, PgTable))
        .map((t) => getTableName(t))
        .sort();
      const tables = await publicTables(source.pool);
      expect(tables).toEqual(declared);
      expect(await publicTables(target.pool)).toEqual(declared);
      expect(full.tables.map((t) => t.name).sort()).toEqual(tables.filter((t) => t !== 'sessions'));

      for (const table of tables) {
        const expected = table === 'sessions' ? [] : await dump(source.pool, table);
        if (table !== 'sessions') expect(expected.length, `${table} has rows to compare`).toBeGreaterThan(0);
        expect(await dump(target.pool, table), table).toEqual(expected);
        expect(full.tables.find((t) => t.name === table)?.rows ?? 0).toBe(expected.length);
      }
      // Sessions are left out on purpose (see backup.ts).
      expect(await rowCount(source.pool, 'sessions')).toBeGreaterThan(0);
      expect(await rowCount(target.pool, 'students')).toBe(210);

      // Sequences continue above the restored ids.
      const { rows } = await target.pool.query<{ id: number; max: number }>(
        `insert into audit_log (action, object_type) values ('after.restore', 'test')
         returning id, (select max(id) from audit_log)::int as max`,
      );
      expect(rows[0]?.id).toBeGreaterThan(await rowCount(source.pool, 'audit_log'));
    } finally {
      await target.close();
    }
  });

  it('accepts a new database that holds only a setup link, and replaces it', async () => {
    const target = await createTestDatabase();
    try {
      await target.db.insert(setupTokens).values({ tokenHash: 'printed-by-serve' });
      await restoreDatabase({ pool: target.pool, file: fullFile });
      expect(await dump(target.pool, 'setup_tokens')).toEqual(await dump(source.pool, 'setup_tokens'));
    } finally {
      await target.close();
    }
  });

  it('refuses to restore a full backup into a database that holds data, and changes nothing', async () => {
    const target = await createTestDatabase();
    try {
      await buildSchool(target.db);
      const before = await dumpAll(target.pool);
      const error = await startupError(restoreDatabase({ pool: target.pool, file: fullFile }));
      expect(error.code).toBe('RESTORE_TARGET_NOT_EMPTY');
      expect(error.zh).toContain('schools');
      expect(await dumpAll(target.pool)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('moves one school into a database that holds other schools, sharing regions and users', async () => {
    const fileA = path.join(tmp, 'a.kehou.gz');
    const fileB = path.join(tmp, 'b.kehou.gz');
    const summaryA = await backupDatabase({ pool: source.pool, file: fileA, schoolCode: data.schoolA.code });
    await backupDatabase({ pool: source.pool, file: fileB, schoolCode: data.schoolB.code });
    expect(summaryA.schoolCode).toBe(data.schoolA.code);
    expect(summaryA.tables.map((t) => t.name).sort()).toEqual(
      [
        'applications',
        'audit_log',
        'classes',
        'consents',
        'duty_assignments',
        'enrollments',
        'files',
        'group_members',
        'guardianships',
        'notices',
        'notifications',
        'pickup_persons',
        'child_day_events',
        'leave_requests',
        'batch_choices',
        'pickup_codes',
        'handovers',
        'gate_visits',
        'day_closures',
        'responsibility_letters',
        'service_groups',
        'staff',
        'plan_events',
        'plans',
        'policy_versions',
        'regions',
        'school_memberships',
        'school_no_service_days',
        'schools',
        'students',
        'terms',
        'users',
      ].sort(),
    );
    const countOf = (name: string) => summaryA.tables.find((t) => t.name === name)?.rows;
    expect(countOf('schools')).toBe(1);
    expect(countOf('students')).toBe(70);
    expect(countOf('regions')).toBe(2); // the county and the city above it
    // Guardians, the admin, the shared teacher and guardian, and the bureau officer who made the
    // county's policy and approved the plan.
    expect(countOf('users')).toBe(70 + 4);

    const target = await createTestDatabase();
    try {
      // A school that lives only on the target, with a region tree of its own.
      const own = await buildSchool(target.db, { name: '目标库自有学校' });
      const ownBefore = await dumpAll(target.pool);
      await restoreDatabase({ pool: target.pool, file: fileB });
      await restoreDatabase({ pool: target.pool, file: fileA, log: verbose });

      const ids = `'${data.schoolA.schoolId}', '${data.schoolB.schoolId}'`;
      for (const table of ['schools', 'school_memberships', 'classes', 'students', 'guardianships']) {
        expect(await dump(target.pool, table, `school_id in (${ids})`), table).toEqual(
          await dump(source.pool, table, `school_id in (${ids})`),
        );
        expect(await rowCount(target.pool, table, `school_id = '${data.schoolC.schoolId}'`)).toBe(0);
      }
      expect(await dump(target.pool, 'schools', `school_id = '${own.schoolId}'`)).toEqual(
        ownBefore.schools?.filter((row) => row.includes(own.schoolId)),
      );

      // The county and city once each, next to the target's own two regions.
      const regionIds = `'${data.countyA.id}', '${data.city.id}'`;
      expect(await dump(target.pool, 'regions', `id in (${regionIds})`)).toEqual(
        await dump(source.pool, 'regions', `id in (${regionIds})`),
      );
      expect(await rowCount(target.pool, 'regions')).toBe(4);

      // Users referenced by A's or B's rows, each once, as they were.
      const referenced = `id in (select user_id from school_memberships where school_id in (${ids})
                          union select user_id from guardianships where school_id in (${ids})
                          union select actor_user_id from plan_events where school_id in (${ids})
                          union select created_by from policy_versions pv join plans p
                            on p.policy_version_id = pv.version_id where p.school_id in (${ids}))`;
      expect(await dump(target.pool, 'users', referenced)).toEqual(
        await dump(source.pool, 'users', referenced),
      );
      expect(await rowCount(target.pool, 'users')).toBe(await rowCount(source.pool, 'users', referenced));
      expect(await rowCount(target.pool, 'users', `id = '${data.sharedUserId}'`)).toBe(1);

      // Each school's audit rows, appended in their order with the target's own ids.
      for (const school of [data.schoolA, data.schoolB]) {
        const audit = `select to_jsonb(a) - 'id' as row from audit_log a where scope_school_id = '${school.schoolId}' order by id`;
        const restoredAudit = (await target.pool.query<{ row: unknown }>(audit)).rows;
        expect(restoredAudit.length).toBeGreaterThan(0);
        expect(restoredAudit).toEqual((await source.pool.query<{ row: unknown }>(audit)).rows);
      }

      for (const table of ['region_memberships', 'sessions', 'login_attempts', 'setup_tokens']) {
        expect(await rowCount(target.pool, table), table).toBe(0);
      }

      // Again: refused, and nothing changes.
      const before = await dumpAll(target.pool);
      const error = await startupError(restoreDatabase({ pool: target.pool, file: fileA }));
      expect(error.code).toBe('SCHOOL_EXISTS');
      expect(await dumpAll(target.pool)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('refuses a school whose users clash with different accounts on the target', async () => {
    const fileC = path.join(tmp, 'c.kehou.gz');
    await backupDatabase({ pool: source.pool, file: fileC, schoolCode: data.schoolC.code });
    const target = await createTestDatabase();
    try {
      const { rows } = await source.pool.query<{ username: string }>(
        `select u.username from users u join school_memberships m on m.user_id = u.id
         where m.school_id = $1 and u.username is not null limit 1`,
        [data.schoolC.schoolId],
      );
      await buildUser(target.db, { username: rows[0]?.username ?? 'x' });
      const before = await dumpAll(target.pool);
      const error = await startupError(restoreDatabase({ pool: target.pool, file: fileC }));
      expect(error.code).toBe('SCHOOL_REFERENCE_CONFLICT');
      expect(await dumpAll(target.pool)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('refuses an unknown school code and leaves no file behind', async () => {
    const file = path.join(tmp, 'none.kehou.gz');
    const error = await startupError(
      backupDatabase({ pool: source.pool, file, schoolCode: 'no-such-school' }),
    );
    expect(error.code).toBe('SCHOOL_NOT_FOUND');
    expect(fs.existsSync(file) || fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('refuses damaged files and leaves the target empty', async () => {
    const size = fs.statSync(fullFile).size;
    const damaged: [string, (out: string) => void][] = [
      [
        'truncated',
        (out) => fs.writeFileSync(out, fs.readFileSync(fullFile).subarray(0, Math.floor(size * 0.6))),
      ],
      [
        'one byte changed',
        (out) => {
          const bytes = Buffer.from(fs.readFileSync(fullFile));
          const at = Math.floor(size / 2);
          bytes[at] = (bytes[at] ?? 0) ^ 0xff;
          fs.writeFileSync(out, bytes);
        },
      ],
      ['not gzip', (out) => fs.writeFileSync(out, 'hello\n')],
      // Valid gzip, but cut at a line boundary: only the trailer tells.
      ['no trailer', (out) => rewrite(fullFile, out, (lines) => lines.slice(0, -2).concat(''))],
      [
        'a row missing',
        (out) =>
          rewrite(fullFile, out, (lines) => {
            const at = lines.findIndex((l) => l.startsWith('{"table":"students"'));
            return [...lines.slice(0, at + 1), ...lines.slice(at + 2)];
          }),
      ],
    ];
    const target = await emptyTarget();
    try {
      for (const [name, make] of damaged) {
        const file = path.join(tmp, `${name.replaceAll(' ', '-')}.kehou.gz`);
        make(file);
        const error = await startupError(restoreDatabase({ pool: target.pool, file }));
        expect(error.code, name).toBe('BACKUP_CORRUPT');
        await expect(readBackupSummary(file), name).rejects.toThrow(StartupError);
        await expectEmpty(target.pool);
      }
    } finally {
      await target.close();
    }
  });

  it('restores a backup made before pickup codes were hashed, leaving its plain codes out (issue 13.8)', async () => {
    const file = path.join(tmp, 'before-0006.kehou.gz');
    rewrite(fullFile, file, ([first = '', ...rest]) => {
      const header = JSON.parse(first) as { migrations: unknown[]; migration: string };
      header.migrations.pop();
      header.migration = '0005_daily_operation';
      const lines = [JSON.stringify(header), ...rest];
      const at = lines.findIndex((l) => l.startsWith('{"table":"pickup_codes"'));
      const section = JSON.parse(lines[at] ?? '') as { columns: string[] };
      const old = ['school_id', 'service_date', 'student_id', 'code', 'failures', 'locked_at', 'created_at'];
      for (let i = at + 1; lines[i] !== '\\.'; i++) {
        const values = new Map(section.columns.map((c, j) => [c, lines[i]?.split('\t')[j] ?? '']));
        values.set('code', '012345');
        lines[i] = old.map((c) => values.get(c)).join('\t');
      }
      lines[at] = JSON.stringify({ ...section, columns: old });
      return lines;
    });
    const target = await emptyTarget();
    try {
      await restoreDatabase({ pool: target.pool, file });
      expect(await rowCount(target.pool, 'pickup_codes')).toBe(0);
      for (const table of ['students', 'batch_choices', 'child_day_events', 'audit_log']) {
        expect(await dump(target.pool, table), table).toEqual(await dump(source.pool, table));
      }
    } finally {
      await target.close();
    }
  });

  it('refuses a backup made by a newer kehou', async () => {
    const file = path.join(tmp, 'newer.kehou.gz');
    rewrite(fullFile, file, ([first = '', ...rest]) => {
      const header = JSON.parse(first) as {
        migrations: { hash: string; createdAt: number }[];
        migration: string;
      };
      header.migrations.push({ hash: 'f'.repeat(64), createdAt: Date.now() + 10 ** 10 });
      header.migration = '9999_from_the_future';
      return [JSON.stringify(header), ...rest];
    });
    const target = await emptyTarget();
    try {
      const error = await startupError(restoreDatabase({ pool: target.pool, file }));
      expect(error.code).toBe('BACKUP_NEWER_THAN_CODE');
      expect(error.zh).toContain('9999_from_the_future');
      await expectEmpty(target.pool);
    } finally {
      await target.close();
    }
  });
});

describe('backup while the app keeps writing', () => {
  it('is one consistent snapshot: all foreign keys hold and every table has the same batches', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-backup-'));
    const source = await createTestDatabase();
    const target = await emptyTarget();
    try {
      const school = await buildSchool(source.db);
      // audit_log is copied first: bulk rows make that copy take long enough for the writer below
      // to commit between it and the copies of the tables that follow.
      await source.pool.query(
        `insert into audit_log (action, object_type, details)
         select 'bulk', 'noise', jsonb_build_object('i', g, 'pad', repeat('填', 40)) from generate_series(1, 150000) g`,
      );
      const base = Object.fromEntries(
        await Promise.all(
          ['classes', 'students', 'users', 'guardianships', 'audit_log'].map(async (t) => [
            t,
            await rowCount(source.pool, t),
          ]),
        ),
      ) as Record<string, number>;

      // Each batch is one transaction: a class, two students, a guardian of both, an audit row.
      const writer = new pg.Client({ connectionString: source.url });
      await writer.connect();
      const committedAt: number[] = [];
      let stop = false;
      const writing = (async () => {
        for (let batch = 1; !stop; batch++) {
          await writer.query('begin');
          const klass = await writer.query<{ class_id: string }>(
            `insert into classes (school_id, grade, name) values ($1, 2, $2) returning class_id`,
            [school.schoolId, `并发${batch}班`],
          );
          const kids = await writer.query<{ student_id: string }>(
            `insert into students (school_id, student_no, name, gender, class_id)
             values ($1, $2, '甲', 'male', $4), ($1, $3, '乙', 'female', $4) returning student_id`,
            [school.schoolId, `C${batch}a`, `C${batch}b`, klass.rows[0]?.class_id],
          );
          const user = await writer.query<{ id: string }>(
            `insert into users (username, display_name) values ($1, '并发家长') returning id`,
            [`concurrent${batch}`],
          );
          for (const kid of kids.rows) {
            await writer.query(
              `insert into guardianships (school_id, student_id, user_id, relation) values ($1, $2, $3, '母亲')`,
              [school.schoolId, kid.student_id, user.rows[0]?.id],
            );
          }
          await writer.query(
            `insert into audit_log (action, object_type, scope_school_id, details)
             values ('concurrent', 'batch', $1, jsonb_build_object('batch', $2::int))`,
            [school.schoolId, batch],
          );
          await writer.query('commit');
          committedAt.push(performance.now());
        }
      })();
      while (committedAt.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));

      const file = path.join(tmp, 'busy.kehou.gz');
      const started = performance.now();
      const summary = await backupDatabase({ pool: source.pool, file, log: verbose });
      const ended = performance.now();
      while (committedAt.filter((t) => t > ended).length < 3)
        await new Promise((resolve) => setTimeout(resolve, 5));
      stop = true;
      await writing;
      await writer.end();
      const during = committedAt.filter((t) => t > started && t < ended).length;
      verbose?.(
        `backup under load: ${Math.round(ended - started)} ms, ${during} batches committed meanwhile`,
      );
      // The app was not blocked, and the test exercised what it claims to.
      expect(during).toBeGreaterThan(0);

      // The restore checks every foreign key as it inserts.
      await restoreDatabase({ pool: target.pool, file });
      const batches = await rowCount(target.pool, 'audit_log', `action = 'concurrent'`);
      expect(batches).toBeGreaterThanOrEqual(5);
      expect(batches).toBeLessThan(committedAt.length);
      const { rows } = await target.pool.query<{ max: number }>(
        `select max((details->>'batch')::int) as max from audit_log where action = 'concurrent'`,
      );
      expect(rows[0]?.max).toBe(batches); // batches 1..n, no gaps
      const perBatch: Record<string, number> = {
        classes: 1,
        students: 2,
        users: 1,
        guardianships: 2,
        audit_log: 1,
      };
      for (const [table, n] of Object.entries(perBatch)) {
        const expected = (base[table] ?? 0) + n * batches;
        expect(await rowCount(target.pool, table), table).toBe(expected);
        expect(summary.tables.find((t) => t.name === table)?.rows, table).toBe(expected);
      }
    } finally {
      await target.close();
      await source.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
