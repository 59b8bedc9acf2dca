import { and, eq } from 'drizzle-orm';
import { schoolNoServiceDays } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';

// F-04: the school serves that day after all.
export async function removeNoServiceDay(
  ctx: ActorContext,
  options: { schoolId: string; date: string },
): Promise<void> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.write', { regionPath: scope.regionPath, schoolId: options.schoolId });
  const removed = await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(schoolNoServiceDays)
      .where(
        and(eq(schoolNoServiceDays.schoolId, options.schoolId), eq(schoolNoServiceDays.date, options.date)),
      )
      .returning({ reason: schoolNoServiceDays.reason });
    if (gone.length > 0) {
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'no_service_day.remove',
        objectType: 'no_service_day',
        objectId: options.date,
        schoolId: options.schoolId,
        regionId: scope.regionId,
        at: ctx.clock.now(),
        details: { reason: gone[0]?.reason ?? null },
      });
    }
    return gone.length;
  });
  if (removed === 0)
    throw new AppError('NOT_FOUND', {
      zh: '该日期没有停课记录',
      en: 'The school has no entry for that date',
    });
}
