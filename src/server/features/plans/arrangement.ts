// The grouping (F-08, `service_groups`) and duty rota (F-10, `duty_assignments`) a school has saved for
// a term, with the people's names from the staff records: once saved they are who is in charge
// (src/domain/in-charge.ts), which the plan check compares with the plan and the public notice shows.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { dutyAssignments, serviceGroups, staff } from '../../../db/schema.js';
import type { Weekday } from '../../../domain/dates.js';
import type { SavedArrangement } from '../../../domain/in-charge.js';

const isWeekday = (n: number): n is Weekday => Number.isInteger(n) && n >= 1 && n <= 7;

export async function loadArrangement(db: Db, schoolId: string, termId: string): Promise<SavedArrangement> {
  const groups = await db
    .select({
      weekday: serviceGroups.weekday,
      name: serviceGroups.name,
      grades: serviceGroups.grades,
      venueId: serviceGroups.venueId,
      leaderId: serviceGroups.teacherStaffId,
      leaderName: staff.name,
    })
    .from(serviceGroups)
    .leftJoin(
      staff,
      and(eq(staff.schoolId, serviceGroups.schoolId), eq(staff.staffId, serviceGroups.teacherStaffId)),
    )
    .where(and(eq(serviceGroups.schoolId, schoolId), eq(serviceGroups.termId, termId)))
    .orderBy(asc(serviceGroups.weekday), asc(serviceGroups.name));
  const duties = await db
    .select({
      weekday: dutyAssignments.weekday,
      duty: dutyAssignments.duty,
      staffId: dutyAssignments.staffId,
      name: staff.name,
    })
    .from(dutyAssignments)
    .innerJoin(
      staff,
      and(eq(staff.schoolId, dutyAssignments.schoolId), eq(staff.staffId, dutyAssignments.staffId)),
    )
    .where(and(eq(dutyAssignments.schoolId, schoolId), eq(dutyAssignments.termId, termId)))
    .orderBy(asc(dutyAssignments.weekday), asc(dutyAssignments.createdAt));
  return {
    groups: groups.flatMap((g) =>
      isWeekday(g.weekday)
        ? [
            {
              weekday: g.weekday,
              name: g.name,
              grades: g.grades,
              venueId: g.venueId,
              leader:
                g.leaderId !== null && g.leaderName !== null ? { id: g.leaderId, name: g.leaderName } : null,
            },
          ]
        : [],
    ),
    duties: duties.flatMap((d) =>
      isWeekday(d.weekday)
        ? [{ weekday: d.weekday, duty: d.duty, person: { id: d.staffId, name: d.name } }]
        : [],
    ),
  };
}
