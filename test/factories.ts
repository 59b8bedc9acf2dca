// Test data factories: each creates the parent rows it needs, so a test states only what matters.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../src/db/connect.js';
import {
  applications,
  classes,
  consents,
  enrollments,
  files,
  guardianships,
  notices,
  plans,
  policyVersions,
  regionMemberships,
  regions,
  responsibilityLetters,
  schoolMemberships,
  schools,
  serviceGroups,
  staff,
  students,
  terms,
  users,
} from '../src/db/schema.js';
import type { TermPlan } from '../src/domain/plan.js';
import { sampleTermPlan } from './sample-plan.js';

export { sampleTermPlan };

import { defaultPolicy, type RegionPolicy, type ServiceModel } from '../src/domain/policy.js';
import type { Role } from '../src/server/policies/policy.js';

// Unique within a process (the counter leads), varied across processes (the last three digits).
let counter = 0;
const next = () => ++counter * 1000 + Math.floor(Math.random() * 1000);
// Region codes have six digits: their own counter keeps the first 1,000 of a process unique.
let regionCounter = 0;
const regionBase = Math.floor(Math.random() * 999) * 1000;
const nextRegionCode = () => digits(regionBase + (++regionCounter % 1000), 6);
const digits = (n: number, width: number) => String(n).padStart(width, '0').slice(-width);

export interface RegionRow {
  id: string;
  path: string;
  code: string;
  name: string;
}

export async function buildRegion(
  db: Db,
  options: { parent?: RegionRow; level?: 'province' | 'city' | 'county'; name?: string } = {},
): Promise<RegionRow> {
  const id = crypto.randomUUID();
  const n = next();
  const level = options.level ?? (options.parent ? 'county' : 'city');
  const row = {
    id,
    parentId: options.parent?.id ?? null,
    level,
    code: nextRegionCode(),
    name: options.name ?? `测试${level === 'city' ? '市' : '区'}${n}`,
    path: options.parent ? `${options.parent.path}/${id}` : id,
  };
  await db.insert(regions).values(row);
  return row;
}

export interface SchoolRow {
  schoolId: string;
  regionId: string;
  code: string;
  name: string;
  region: RegionRow;
}

export async function buildSchool(
  db: Db,
  options: { region?: RegionRow; name?: string } = {},
): Promise<SchoolRow> {
  const region = options.region ?? (await buildRegion(db, { parent: await buildRegion(db) }));
  const n = next();
  const [row] = await db
    .insert(schools)
    .values({
      regionId: region.id,
      code: digits(n, 10),
      name: options.name ?? `测试小学${n}`,
      type: 'primary',
      grades: [1, 2, 3, 4, 5, 6],
      teacherCount: 60,
      studentCount: 1200,
    })
    .returning();
  if (!row) throw new Error('no school');
  return { schoolId: row.schoolId, regionId: row.regionId, code: row.code, name: row.name, region };
}

export const UNUSABLE_PASSWORD_HASH = '!test-account: no password verifies against this';

export async function buildUser(
  db: Db,
  options: {
    username?: string;
    displayName?: string;
    phone?: string | null;
    passwordHash?: string | null;
  } = {},
) {
  const n = next();
  const [row] = await db
    .insert(users)
    .values({
      username: options.username ?? `user${n}${randomBytes(2).toString('hex')}`,
      displayName: options.displayName ?? `用户${n}`,
      phone: options.phone ?? null,
      // An account has a password unless a test says otherwise (null: signed in by a one-time code
      // and refused everything until it sets one). This one verifies against nothing.
      passwordHash: options.passwordHash === undefined ? UNUSABLE_PASSWORD_HASH : options.passwordHash,
    })
    .returning();
  if (!row) throw new Error('no user');
  return row;
}

export async function buildClass(db: Db, school: SchoolRow, grade = 3, name?: string) {
  const [row] = await db
    .insert(classes)
    .values({ schoolId: school.schoolId, grade, name: name ?? `${grade}年级${next()}班` })
    .returning();
  if (!row) throw new Error('no class');
  return row;
}

export async function buildStudent(
  db: Db,
  school: SchoolRow,
  options: { name?: string; grade?: number } = {},
) {
  const klass = await buildClass(db, school, options.grade ?? 3);
  const n = next();
  const [row] = await db
    .insert(students)
    .values({
      schoolId: school.schoolId,
      studentNo: `S${digits(n, 8)}`,
      name: options.name ?? `学生${n}`,
      gender: n % 2 ? 'male' : 'female',
      classId: klass.classId,
    })
    .returning();
  if (!row) throw new Error('no student');
  return row;
}

// A user with one membership: bureau at a region, any other role at a school. A guardian gets a
// child of their own at that school.
export async function buildMember(
  db: Db,
  role: Role,
  scope: { region?: RegionRow; school?: SchoolRow },
  options: { passwordHash?: string | null; username?: string } = {},
) {
  const user = await buildUser(db, options);
  if (role === 'bureau') {
    if (!scope.region) throw new Error('bureau needs a region');
    await db.insert(regionMemberships).values({ userId: user.id, regionId: scope.region.id, role });
    return { user, child: null };
  }
  if (!scope.school) throw new Error(`${role} needs a school`);
  await db.insert(schoolMemberships).values({ userId: user.id, schoolId: scope.school.schoolId, role });
  if (role !== 'guardian') return { user, child: null };
  const child = await buildStudent(db, scope.school);
  await db.insert(guardianships).values({
    schoolId: scope.school.schoolId,
    studentId: child.studentId,
    userId: user.id,
    relation: '母亲',
  });
  return { user, child };
}

export async function buildTerm(
  db: Db,
  region: RegionRow,
  options: { code?: string; firstDay?: string; lastDay?: string; unifiedStartDate?: string | null } = {},
) {
  const [row] = await db
    .insert(terms)
    .values({
      regionId: region.id,
      code: options.code ?? `2026-2027-1-${next()}`,
      name: '2026–2027学年第一学期',
      firstDay: options.firstDay ?? '2026-09-01',
      lastDay: options.lastDay ?? '2027-01-22',
      unifiedStartDate: options.unifiedStartDate === undefined ? '2026-09-07' : options.unifiedStartDate,
    })
    .returning();
  if (!row) throw new Error('no term');
  return row;
}

export async function buildPolicyVersion(
  db: Db,
  region: RegionRow,
  options: {
    model?: ServiceModel;
    version?: number;
    effectiveFrom?: string;
    policy?: RegionPolicy;
    createdBy?: string | null;
  } = {},
) {
  const [row] = await db
    .insert(policyVersions)
    .values({
      regionId: region.id,
      version: options.version ?? 1,
      effectiveFrom: options.effectiveFrom ?? '2026-08-01',
      policy: options.policy ?? defaultPolicy(options.model ?? '5+2'),
      createdBy: options.createdBy ?? null,
    })
    .returning();
  if (!row) throw new Error('no policy version');
  return row;
}

export async function buildPlan(
  db: Db,
  school: SchoolRow,
  termId: string,
  options: {
    status?: 'draft' | 'submitted' | 'returned' | 'approved';
    content?: TermPlan;
    policyVersionId?: string;
  } = {},
) {
  const [row] = await db
    .insert(plans)
    .values({
      schoolId: school.schoolId,
      termId,
      status: options.status ?? 'draft',
      content: options.content ?? sampleTermPlan(),
      policyVersionId: options.policyVersionId ?? null,
    })
    .returning();
  if (!row) throw new Error('no plan');
  return row;
}

// A tiny valid PDF, for scans.
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

export async function buildFile(
  db: Db,
  school: SchoolRow,
  purpose: 'application_scan' | 'letter_scan' | 'pickup_photo' = 'letter_scan',
) {
  const [row] = await db
    .insert(files)
    .values({
      schoolId: school.schoolId,
      purpose,
      contentType: 'application/pdf',
      fileName: 'scan.pdf',
      byteSize: SAMPLE_PDF.length,
      sha256: 'test',
      content: SAMPLE_PDF,
    })
    .returning({ fileId: files.fileId });
  if (!row) throw new Error('no file');
  return row;
}

// A staff record; with a responsibility letter valid through the 2026–2027 school year unless
// `letter: null` (A 三.1).
export async function buildStaff(
  db: Db,
  school: SchoolRow,
  options: {
    name?: string;
    kind?: 'teacher' | 'manager';
    userId?: string | null;
    weekdays?: number[];
    letter?: { signedOn: string; validUntil: string } | null;
  } = {},
) {
  const n = next();
  const [row] = await db
    .insert(staff)
    .values({
      schoolId: school.schoolId,
      name: options.name ?? `老师${n}`,
      kind: options.kind ?? 'teacher',
      userId: options.userId ?? null,
      phone: `139${digits(n, 8)}`,
      ...(options.weekdays ? { weekdays: options.weekdays } : {}),
    })
    .returning();
  if (!row) throw new Error('no staff');
  const letter =
    options.letter === undefined ? { signedOn: '2026-08-25', validUntil: '2027-08-24' } : options.letter;
  if (letter) {
    const scan = await buildFile(db, school, 'letter_scan');
    await db.insert(responsibilityLetters).values({
      schoolId: school.schoolId,
      staffId: row.staffId,
      signedOn: letter.signedOn,
      validUntil: letter.validUntil,
      scanFileId: scan.fileId,
    });
  }
  return row;
}

// The plan's published notice (version 1 unless given), which consents name.
export async function buildNotice(db: Db, school: SchoolRow, planId: string, version = 1) {
  const [plan] = await db
    .select({ content: plans.content })
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.planId, planId)));
  if (!plan) throw new Error('no plan for notice');
  await db
    .insert(notices)
    .values({ schoolId: school.schoolId, planId, version, content: plan.content, publishedAt: new Date() })
    .onConflictDoNothing();
  return { planId, version };
}

// An approved online application with its consent and the enrollment it created (F-06). The
// guardian must already be linked to the child when it matters to the test; the consent names them.
export async function buildEnrollment(
  db: Db,
  school: SchoolRow,
  input: {
    termId: string;
    planId: string;
    studentId: string;
    guardianUserId: string;
    weekdays?: number[];
    departureBatch?: string;
    startsOn?: string;
    extendedCustody?: boolean;
  },
) {
  const notice = await buildNotice(db, school, input.planId);
  const weekdays = input.weekdays ?? [1, 2, 3, 4, 5];
  const at = new Date('2026-08-28T02:00:00Z');
  const [application] = await db
    .insert(applications)
    .values({
      schoolId: school.schoolId,
      termId: input.termId,
      planId: input.planId,
      studentId: input.studentId,
      status: 'approved',
      source: 'online',
      weekdays,
      departureBatch: input.departureBatch ?? '第一批',
      extendedCustody: input.extendedCustody ?? false,
      extendedCustodyReason: input.extendedCustody ? '家长下班晚' : null,
      submittedBy: input.guardianUserId,
      submittedAt: at,
      decidedAt: at,
    })
    .returning();
  if (!application) throw new Error('no application');
  const [consent] = await db
    .insert(consents)
    .values({
      schoolId: school.schoolId,
      applicationId: application.applicationId,
      source: 'online',
      guardianUserId: input.guardianUserId,
      guardianName: '家长',
      givenAt: at,
      planId: notice.planId,
      noticeVersion: notice.version,
      recordedAt: at,
    })
    .returning();
  if (!consent) throw new Error('no consent');
  const [enrollment] = await db
    .insert(enrollments)
    .values({
      schoolId: school.schoolId,
      termId: input.termId,
      studentId: input.studentId,
      applicationId: application.applicationId,
      consentId: consent.consentId,
      weekdays,
      departureBatch: application.departureBatch,
      extendedCustody: application.extendedCustody,
      extendedCustodyReason: application.extendedCustodyReason,
      mayLeaveAlone: false,
      startsOn: input.startsOn ?? '2026-09-07',
    })
    .returning();
  if (!enrollment) throw new Error('no enrollment');
  return { application, consent, enrollment };
}

export async function buildServiceGroup(
  db: Db,
  school: SchoolRow,
  input: {
    termId: string;
    weekday: number;
    name?: string;
    grades?: number[];
    teacherStaffId?: string | null;
  },
) {
  const [row] = await db
    .insert(serviceGroups)
    .values({
      schoolId: school.schoolId,
      termId: input.termId,
      weekday: input.weekday,
      name: input.name ?? `组${next()}`,
      grades: input.grades ?? [3],
      venueId: 'v1',
      teacherStaffId: input.teacherStaffId ?? null,
    })
    .returning();
  if (!row) throw new Error('no group');
  return row;
}
