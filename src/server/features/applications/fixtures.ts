// Test data for the application tests: an approved plan with its published notice, and applications
// written through the same code as the API. Not used by the running server.

import {
  buildPlan,
  buildStudent,
  buildTerm,
  type RegionRow,
  type SchoolRow,
  sampleTermPlan,
} from '../../../../test/factories.js';
import type { Database, Db } from '../../../db/connect.js';
import { guardianships, notices, schoolMemberships } from '../../../db/schema.js';
import type { TermPlan } from '../../../domain/plan.js';
import type { Clock } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadActor } from '../auth/actor.js';
import { recordApplication } from './record-application.js';

export const NOTICE_PUBLISHED_AT = new Date('2026-08-30T02:00:00Z');

// A term of the region with the school's approved plan and notice v1 (B 五(一) 服务公示).
export async function buildOpenTerm(
  db: Db,
  school: SchoolRow,
  region: RegionRow,
  content: TermPlan = sampleTermPlan({ weekdays: [1, 2, 4, 5] }),
) {
  const term = await buildTerm(db, region);
  const plan = await buildPlan(db, school, term.termId, { status: 'approved', content });
  await db.insert(notices).values({
    schoolId: school.schoolId,
    planId: plan.planId,
    version: 1,
    content,
    publishedAt: NOTICE_PUBLISHED_AT,
  });
  return { termId: term.termId, termCode: term.code, planId: plan.planId };
}

// One more child of a guardian (a family with several children).
export async function buildChildOf(db: Db, school: SchoolRow, guardianUserId: string, grade = 3) {
  const child = await buildStudent(db, school, { grade });
  await db.insert(guardianships).values({
    schoolId: school.schoolId,
    studentId: child.studentId,
    userId: guardianUserId,
    relation: '父亲',
  });
  await db
    .insert(schoolMemberships)
    .values({ schoolId: school.schoolId, userId: guardianUserId, role: 'guardian' })
    .onConflictDoNothing();
  return child;
}

// A submitted online application with its consent, as the guardian's form writes it.
export async function buildApplication(
  db: Db,
  input: { schoolId: string; termId: string; planId: string; studentId: string; guardianUserId: string },
) {
  return db.transaction((tx) =>
    recordApplication(tx, {
      ...input,
      noticeVersion: 1,
      application: {
        weekdays: [1, 2],
        departureBatch: '第一批',
        extendedCustody: false,
        extendedCustodyReason: null,
        mayLeaveAlone: false,
        pickupPersons: [{ name: '王丽华', relation: '母亲', phone: '13910000001' }],
      },
      recordedBy: input.guardianUserId,
      at: new Date('2026-11-20T02:00:00Z'),
      consent: {
        source: 'online',
        guardianUserId: input.guardianUserId,
        guardianName: '王丽华',
        meta: { ip: null, userAgent: 'vitest' },
      },
    }),
  );
}

// A use-case context for a user, as a route would build it.
export async function contextFor(database: Database, clock: Clock, userId: string): Promise<ActorContext> {
  return {
    db: database.db,
    database,
    clock,
    accountClock: clock,
    meta: { ip: '127.0.0.1', userAgent: 'vitest' },
    actor: (await loadActor(database.db, userId)).actor,
  };
}

// A multipart/form-data body as a browser sends it: text fields and at most one file.
export function multipartBody(
  fields: Record<string, string>,
  file?: { bytes: Buffer; fileName: string; contentType: string },
) {
  const boundary = `----kehou${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

// The first bytes of a PNG are all the upload check reads.
export const SAMPLE_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-test-image', 'latin1'),
]);
