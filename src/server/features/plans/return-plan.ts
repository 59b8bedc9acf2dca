import { planEvents } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import { loadPlan, loadSchool, planDetail } from './plan-setting.js';
import { checkTransition, updatePlanIfUnchanged } from './plan-transition.js';
import type { PlanDetail } from './schemas.js';

// B 六(五) 报市教育局审定: the bureau of the school's region (or above) returns a submitted plan with
// comments saying what to change; the school revises and submits again.
export async function returnPlan(
  ctx: ActorContext,
  options: { schoolId: string; planId: string; revision: number; comment: string },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.review', { regionPath: school.regionPath, schoolId: school.schoolId });
  const plan = await loadPlan(ctx.db, school.schoolId, options.planId);
  const status = checkTransition(plan, 'return', options.revision);
  const now = ctx.clock.now();
  const returned = await ctx.db.transaction(async (tx) => {
    const row = await updatePlanIfUnchanged(tx, plan, 'return', { status, decidedAt: now, updatedAt: now });
    await tx.insert(planEvents).values({
      schoolId: school.schoolId,
      planId: plan.planId,
      action: 'return',
      comment: options.comment,
      revision: plan.revision,
      content: plan.content,
      actorUserId: ctx.actor.userId,
      at: now,
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'plan.return',
      objectType: 'plan',
      objectId: plan.planId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { revision: plan.revision },
    });
    return row;
  });
  return planDetail(ctx, returned);
}
