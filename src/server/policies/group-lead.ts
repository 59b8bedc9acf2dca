// "A care teacher sees the children of the groups they lead" (A 三.1 看护职责): whether the user, as a
// staff member of the school who is not archived, leads a group the child is in (any weekday of any
// term). One query for every rule that narrows a teacher to their own groups' children (leave,
// pickup persons' photos).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { enrollments, groupMembers, serviceGroups, staff } from '../../db/schema.js';

export async function leadsGroupOfChild(
  db: Db,
  options: { schoolId: string; studentId: string; userId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ groupId: serviceGroups.groupId })
    .from(enrollments)
    .innerJoin(
      groupMembers,
      and(
        eq(groupMembers.schoolId, enrollments.schoolId),
        eq(groupMembers.enrollmentId, enrollments.enrollmentId),
      ),
    )
    .innerJoin(
      serviceGroups,
      and(eq(serviceGroups.schoolId, groupMembers.schoolId), eq(serviceGroups.groupId, groupMembers.groupId)),
    )
    .innerJoin(
      staff,
      and(eq(staff.schoolId, serviceGroups.schoolId), eq(staff.staffId, serviceGroups.teacherStaffId)),
    )
    .where(
      and(
        eq(enrollments.schoolId, options.schoolId),
        eq(enrollments.studentId, options.studentId),
        eq(staff.userId, options.userId),
        isNull(staff.archivedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}
