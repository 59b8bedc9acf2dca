// The signed-in person's own staff record at a school (A 三.1: the school's record of who is in
// charge): what the profile card shows when the account itself has no phone (issue 14.11).
import { and, eq, isNull } from 'drizzle-orm';
import { staff } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import { loadSchool } from '../plans/plan-setting.js';
import type { MyStaffRecord } from './schemas.js';

export async function getMyStaffRecord(
  ctx: ActorContext,
  options: { schoolId: string },
): Promise<MyStaffRecord> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'staff.self.read', { regionPath: school.regionPath, schoolId: school.schoolId });
  const [row] = await ctx.db
    .select({ staffId: staff.staffId, name: staff.name, phone: staff.phone })
    .from(staff)
    .where(
      and(eq(staff.schoolId, school.schoolId), eq(staff.userId, ctx.actor.userId), isNull(staff.archivedAt)),
    );
  return { staff: row ?? null };
}
