// F-28 export of the lists F-27 imports, in the template's columns (an export can be imported into
// another school's kehou as it is). Guardians' phones are in full, so only the school admin exports
// (the same people who import them).
import { and, asc, eq, isNull } from 'drizzle-orm';
import { classes, guardianships, schoolMemberships, staff, students, users } from '../../../db/schema.js';
import { STAFF_ROLES } from '../../../domain/roster-import.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { assertMayImport } from './preview-import.js';
import type { ImportKind } from './schemas.js';
import { buildListWorkbook } from './template.js';

const GRADE_NAMES = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ROLE_NAMES = new Map<string, string>(Object.entries(STAFF_ROLES).map(([zh, role]) => [role, zh]));

async function studentRows(ctx: ActorContext, schoolId: string): Promise<Record<string, string>[]> {
  const list = await ctx.db
    .select({
      studentId: students.studentId,
      studentNo: students.studentNo,
      name: students.name,
      gender: students.gender,
      grade: classes.grade,
      className: classes.name,
    })
    .from(students)
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .where(eq(students.schoolId, schoolId))
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNo));
  const links = await ctx.db
    .select({
      studentId: guardianships.studentId,
      name: users.displayName,
      relation: guardianships.relation,
      phone: users.phone,
    })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.userId))
    .where(eq(guardianships.schoolId, schoolId))
    .orderBy(asc(guardianships.createdAt), asc(users.phone));
  const byStudent = new Map<string, typeof links>();
  for (const l of links) byStudent.set(l.studentId, [...(byStudent.get(l.studentId) ?? []), l]);
  return list.map((s) => {
    const row: Record<string, string> = {
      studentNo: s.studentNo,
      name: s.name,
      gender: s.gender === 'male' ? '男' : '女',
      grade: `${GRADE_NAMES[s.grade] ?? s.grade}年级`,
      className: s.className,
    };
    // The template has two guardians; a third one stays in kehou but not in the list.
    (byStudent.get(s.studentId) ?? []).slice(0, 2).forEach((g, i) => {
      row[`guardian${i + 1}Name`] = g.name;
      row[`guardian${i + 1}Relation`] = g.relation;
      row[`guardian${i + 1}Phone`] = g.phone ?? '';
    });
    return row;
  });
}

async function staffRows(ctx: ActorContext, schoolId: string): Promise<Record<string, string>[]> {
  const list = await ctx.db
    .select({ staffNo: staff.staffNo, name: staff.name, phone: staff.phone, userId: staff.userId })
    .from(staff)
    .where(and(eq(staff.schoolId, schoolId), isNull(staff.archivedAt)))
    .orderBy(asc(staff.staffNo), asc(staff.name));
  const roles = await ctx.db
    .select({ userId: schoolMemberships.userId, role: schoolMemberships.role })
    .from(schoolMemberships)
    .where(and(eq(schoolMemberships.schoolId, schoolId), isNull(schoolMemberships.revokedAt)));
  const rolesOf = new Map<string, string[]>();
  for (const r of roles) {
    const name = ROLE_NAMES.get(r.role);
    if (name) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), name]);
  }
  return list.map((s) => ({
    staffNo: s.staffNo ?? '',
    name: s.name,
    phone: s.phone ?? '',
    roles: (s.userId ? (rolesOf.get(s.userId) ?? []) : []).join('、'),
  }));
}

export async function exportList(
  ctx: ActorContext,
  input: { schoolId: string; kind: ImportKind },
): Promise<{ bytes: Buffer; rows: number }> {
  const scope = await assertMayImport(ctx, input.schoolId);
  const rows =
    input.kind === 'students' ? await studentRows(ctx, input.schoolId) : await staffRows(ctx, input.schoolId);
  const bytes = await buildListWorkbook(input.kind, rows);
  // Reading children's and guardians' data in bulk is recorded, as a change would be.
  await recordAudit(ctx.db, ctx.meta, {
    actorUserId: ctx.actor.userId,
    action: `export.${input.kind}`,
    objectType: 'school',
    objectId: input.schoolId,
    schoolId: input.schoolId,
    regionId: scope.regionId,
    at: ctx.clock.now(),
    details: { rows: rows.length },
  });
  return { bytes, rows: rows.length };
}
