// What the codes page needs to choose from: the school's classes with how many of their guardians
// have no password yet, and how many codes are still open.
import { and, asc, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import {
  classes,
  guardianships,
  loginCodes,
  schoolMemberships,
  students,
  users,
} from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { signInCodesOnly } from './code-kinds.js';
import type { CodeSummary } from './schemas.js';

export async function codeSummary(ctx: ActorContext, schoolId: string): Promise<CodeSummary> {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'guardian.code.issue', { regionPath: scope.regionPath, schoolId });
  const { db } = ctx;
  const perClass = await db
    .select({
      classId: classes.classId,
      grade: classes.grade,
      name: classes.name,
      students: sql<number>`count(distinct ${students.studentId})::int`,
      guardiansWithoutPassword: sql<number>`count(distinct ${users.id}) filter (where ${users.passwordHash} is null and ${users.phone} is not null)::int`,
    })
    .from(classes)
    .leftJoin(students, and(eq(students.schoolId, classes.schoolId), eq(students.classId, classes.classId)))
    .leftJoin(
      guardianships,
      and(eq(guardianships.schoolId, students.schoolId), eq(guardianships.studentId, students.studentId)),
    )
    .leftJoin(users, eq(users.id, guardianships.userId))
    .where(eq(classes.schoolId, schoolId))
    .groupBy(classes.classId, classes.grade, classes.name)
    .orderBy(asc(classes.grade), asc(classes.name));
  const [guardians] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.userId))
    .where(and(eq(guardianships.schoolId, schoolId), isNull(users.passwordHash), isNotNull(users.phone)));
  const [staffCount] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(schoolMemberships)
    .innerJoin(users, eq(users.id, schoolMemberships.userId))
    .where(
      and(
        eq(schoolMemberships.schoolId, schoolId),
        ne(schoolMemberships.role, 'guardian'),
        isNull(schoolMemberships.revokedAt),
        isNull(users.passwordHash),
        isNotNull(users.phone),
      ),
    );
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginCodes)
    .where(
      and(
        eq(loginCodes.schoolId, schoolId),
        signInCodesOnly,
        isNull(loginCodes.usedAt),
        isNull(loginCodes.revokedAt),
        gt(loginCodes.expiresAt, ctx.accountClock.now()),
      ),
    );
  return {
    classes: perClass,
    guardiansWithoutPassword: guardians?.n ?? 0,
    staffWithoutPassword: staffCount?.n ?? 0,
    openCodes: open?.n ?? 0,
  };
}
