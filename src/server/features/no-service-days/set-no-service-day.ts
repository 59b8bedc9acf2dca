import { and, eq } from 'drizzle-orm';
import { schoolNoServiceDays, users } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { termContaining } from './no-service-day-terms.js';
import type { NoServiceDayView } from './schemas.js';

// F-04: marks a date of a term as a day without service, with the reason (or changes the reason).
export async function setNoServiceDay(
  ctx: ActorContext,
  options: { schoolId: string; date: string; reason: string },
): Promise<NoServiceDayView> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.write', { regionPath: scope.regionPath, schoolId: options.schoolId });
  const term = await termContaining(ctx.db, scope.regionPath, options.date);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(schoolNoServiceDays)
      .values({
        schoolId: options.schoolId,
        date: options.date,
        reason: options.reason,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [schoolNoServiceDays.schoolId, schoolNoServiceDays.date],
        set: { reason: options.reason, createdBy: ctx.actor.userId, createdAt: now },
      });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'no_service_day.set',
      objectType: 'no_service_day',
      objectId: options.date,
      schoolId: options.schoolId,
      regionId: scope.regionId,
      at: now,
      details: { reason: options.reason, termCode: term.code },
    });
  });
  const [row] = await ctx.db
    .select({
      date: schoolNoServiceDays.date,
      reason: schoolNoServiceDays.reason,
      createdAt: schoolNoServiceDays.createdAt,
      createdByName: users.displayName,
    })
    .from(schoolNoServiceDays)
    .leftJoin(users, eq(users.id, schoolNoServiceDays.createdBy))
    .where(
      and(eq(schoolNoServiceDays.schoolId, options.schoolId), eq(schoolNoServiceDays.date, options.date)),
    );
  if (!row) throw new Error('no-service day not stored');
  return { ...row, createdAt: row.createdAt.toISOString() };
}
