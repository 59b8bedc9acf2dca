// The service groups of a weekday with their teachers, narrowed to what the actor may see: every
// group for those who read the whole school, else the groups they lead — A 三.1 看护人员对被看护学生
// 承担安全直接责任 (a care teacher's roster and roll call are their own groups). One asked-for group that
// is not among them is "not found". Used by the roster (F-07) and the roll call (F-11).
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { serviceGroups, staff } from '../../db/schema.js';
import { AppError } from '../errors.js';

export async function loadDayGroups(
  db: Db,
  options: {
    schoolId: string;
    termId: string;
    weekday: number;
    // Null: every group (whole-school readers); else the account whose groups these are.
    ledBy: string | null;
    groupId?: string;
  },
) {
  let groups = await db
    .select({
      id: serviceGroups.groupId,
      name: serviceGroups.name,
      grades: serviceGroups.grades,
      venueId: serviceGroups.venueId,
      teacherName: staff.name,
      teacherUserId: staff.userId,
      teacherArchivedAt: staff.archivedAt,
    })
    .from(serviceGroups)
    .leftJoin(
      staff,
      and(eq(staff.schoolId, serviceGroups.schoolId), eq(staff.staffId, serviceGroups.teacherStaffId)),
    )
    .where(
      and(
        eq(serviceGroups.schoolId, options.schoolId),
        eq(serviceGroups.termId, options.termId),
        eq(serviceGroups.weekday, options.weekday),
      ),
    )
    .orderBy(asc(serviceGroups.name));
  const ledBy = options.ledBy;
  if (ledBy !== null) {
    groups = groups.filter(
      (g) => g.teacherUserId !== null && g.teacherUserId === ledBy && g.teacherArchivedAt === null,
    );
  }
  if (options.groupId) {
    groups = groups.filter((g) => g.id === options.groupId);
    if (groups.length === 0) throw new AppError('NOT_FOUND', { zh: '找不到该班组', en: 'No such group' });
  }
  return groups;
}
