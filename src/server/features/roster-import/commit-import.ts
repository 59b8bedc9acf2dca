// F-27 导入: all rows or none. The file is read and checked again inside one transaction (the preview
// may be stale); any problem refuses the whole file. Rows are written in multi-row inserts, so 3,000
// students with their guardians take a handful of statements (bench/import.bench.ts).
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { classes, guardianships, schoolMemberships, staff, students, users } from '../../../db/schema.js';
import type { ParsedStaff, ParsedStudent, StaffRole } from '../../../domain/roster-import.js';
import { newClasses, staffKind } from '../../../domain/roster-import-checks.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { classKey, type ExaminedImport, examineImport, type Queryable } from './examine-import.js';
import { assertMayImport } from './preview-import.js';
import type { ImportKind, ImportResultView } from './schemas.js';

// PostgreSQL takes at most 65,535 parameters per statement; the widest insert has 6 columns.
const BATCH = 2_000;

async function inBatches<T, R>(items: readonly T[], write: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await write(items.slice(i, i + BATCH))));
  return out;
}

function problemsError(examined: ExaminedImport): AppError {
  const n = examined.problems.length;
  return new AppError('IMPORT_HAS_PROBLEMS', {
    zh: `名单中有 ${n} 个问题需要修改，未导入任何数据`,
    en: `The list has ${n} problem${n === 1 ? '' : 's'} to fix; nothing was imported`,
    details: { problems: examined.problems },
  });
}

/** Accounts for mobiles without one: display name as in the file, no password (first sign-in by code). */
async function ensureUsers(tx: Queryable, people: Map<string, string>, known: Map<string, string>) {
  const missing = [...people].filter(([phone]) => !known.has(phone));
  const created = await inBatches(missing, (batch) =>
    tx
      .insert(users)
      .values(
        batch.map(([phone, name]) => ({ phone, displayName: name, username: null, passwordHash: null })),
      )
      .returning({ id: users.id, phone: users.phone }),
  );
  const byPhone = new Map(known);
  for (const u of created) if (u.phone) byPhone.set(u.phone, u.id);
  return { byPhone, created: created.length };
}

/** Memberships of `role` at the school for these users, skipping the ones already active. */
async function ensureMemberships(
  tx: Queryable,
  schoolId: string,
  wanted: readonly { userId: string; role: StaffRole | 'guardian' }[],
): Promise<void> {
  const userIds = [...new Set(wanted.map((w) => w.userId))];
  const active = new Set<string>();
  for (let i = 0; i < userIds.length; i += BATCH) {
    const rows = await tx
      .select({ userId: schoolMemberships.userId, role: schoolMemberships.role })
      .from(schoolMemberships)
      .where(
        and(
          eq(schoolMemberships.schoolId, schoolId),
          inArray(schoolMemberships.userId, userIds.slice(i, i + BATCH)),
          isNull(schoolMemberships.revokedAt),
        ),
      );
    for (const r of rows) active.add(`${r.userId}:${r.role}`);
  }
  const toAdd = wanted.filter((w) => {
    const key = `${w.userId}:${w.role}`;
    if (active.has(key)) return false;
    active.add(key);
    return true;
  });
  await inBatches(toAdd, async (batch) => {
    await tx
      .insert(schoolMemberships)
      .values(batch.map((w) => ({ schoolId, userId: w.userId, role: w.role })));
    return [];
  });
}

async function saveStudents(
  tx: Queryable,
  schoolId: string,
  rows: readonly ParsedStudent[],
  examined: Extract<ExaminedImport, { kind: 'students' }>,
): Promise<{ classesCreated: number; accountsCreated: number }> {
  const classIds = new Map(examined.classIdByKey);
  const created = await inBatches(newClasses(rows), (batch) =>
    tx
      .insert(classes)
      .values(batch.map((c) => ({ schoolId, grade: c.grade, name: c.name })))
      .returning({ classId: classes.classId, grade: classes.grade, name: classes.name }),
  );
  for (const c of created) classIds.set(classKey(c.grade, c.name), c.classId);

  const inserted = await inBatches(rows, (batch) =>
    tx
      .insert(students)
      .values(
        batch.map((r) => {
          const classId = classIds.get(classKey(r.grade, r.className));
          if (!classId) throw new Error(`class ${r.grade} ${r.className} missing after insert`);
          return { schoolId, studentNo: r.studentNo, name: r.name, gender: r.gender, classId };
        }),
      )
      .returning({ studentId: students.studentId, studentNo: students.studentNo }),
  );
  const studentIdByNo = new Map(inserted.map((s) => [s.studentNo, s.studentId]));

  const people = new Map<string, string>();
  for (const r of rows) for (const g of r.guardians) if (!people.has(g.phone)) people.set(g.phone, g.name);
  const { byPhone, created: accountsCreated } = await ensureUsers(tx, people, examined.userIdByPhone);

  const links = rows.flatMap((r) =>
    r.guardians.map((g) => ({
      schoolId,
      studentId: studentIdByNo.get(r.studentNo) as string,
      userId: byPhone.get(g.phone) as string,
      relation: g.relation,
    })),
  );
  await inBatches(links, async (batch) => {
    await tx.insert(guardianships).values(batch);
    return [];
  });
  await ensureMemberships(
    tx,
    schoolId,
    [...byPhone.entries()].filter(([p]) => people.has(p)).map(([, userId]) => ({ userId, role: 'guardian' })),
  );
  return { classesCreated: created.length, accountsCreated };
}

async function saveStaff(
  tx: Queryable,
  schoolId: string,
  rows: readonly ParsedStaff[],
  known: Map<string, string>,
): Promise<{ accountsCreated: number }> {
  const people = new Map(rows.map((r) => [r.phone, r.name]));
  const { byPhone, created } = await ensureUsers(tx, people, known);
  await ensureMemberships(
    tx,
    schoolId,
    rows.flatMap((r) => r.roles.map((role) => ({ userId: byPhone.get(r.phone) as string, role }))),
  );
  await inBatches(rows, async (batch) => {
    await tx.insert(staff).values(
      batch.map((r) => ({
        schoolId,
        userId: byPhone.get(r.phone) as string,
        staffNo: r.staffNo,
        name: r.name,
        phone: r.phone,
        kind: staffKind(r.roles),
      })),
    );
    return [];
  });
  return { accountsCreated: created };
}

const CONFLICT_CONSTRAINTS = [
  'students_school_no_key',
  'users_phone_key',
  'classes_school_grade_name_key',
  'staff_school_no_key',
  'staff_school_user_key',
  'school_memberships_active_key',
];

export async function commitImport(
  ctx: ActorContext,
  input: { schoolId: string; kind: ImportKind; fileName: string; bytes: Buffer },
): Promise<ImportResultView> {
  const scope = await assertMayImport(ctx, input.schoolId);
  const now = ctx.clock.now();
  try {
    const result = await ctx.db.transaction(async (tx) => {
      const examined = await examineImport(tx, input);
      if (examined.problems.length > 0) throw problemsError(examined);
      const details: Record<string, unknown> = { fileName: input.fileName, counts: examined.counts };
      if (examined.kind === 'students') {
        details.saved = await saveStudents(tx, input.schoolId, examined.rows, examined);
      } else {
        details.saved = await saveStaff(tx, input.schoolId, examined.rows, examined.userIdByPhone);
      }
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: `import.${input.kind}`,
        objectType: 'school',
        objectId: input.schoolId,
        schoolId: input.schoolId,
        regionId: scope.regionId,
        at: now,
        details,
      });
      return { kind: input.kind, fileName: input.fileName, counts: examined.counts };
    });
    // Thousands of rows at once leave the planner's statistics behind; a school that imports just
    // before the afternoon must not get slow day pages (measured: the day's children of 3,000 took
    // 14 s with stale statistics, 0.14 s after ANALYZE). Autovacuum would catch up within minutes.
    await ctx.db.execute(sql`analyze students, guardianships, users, classes, staff`);
    return result;
  } catch (error) {
    // Someone else saved a student number, class or account between the reading and the writing.
    if (CONFLICT_CONSTRAINTS.some((c) => isUniqueViolation(error, c))) throw new AppError('IMPORT_CONFLICT');
    throw error;
  }
}
