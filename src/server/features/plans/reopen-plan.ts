import { planEvents } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import { loadPlan, loadSchool, planDetail } from './plan-setting.js';
import { checkTransition, updatePlanIfUnchanged } from './plan-transition.js';
import type { PlanDetail } from './schemas.js';

// An approved plan is amended during the term (a teacher leaves, insurance is renewed): the school
// reopens it as a draft, edits and submits it again. The published notice stays as it is until the
// bureau approves the amended plan, which publishes the next notice version (F-05).
export async function reopenPlan(
  ctx: ActorContext,
  options: { schoolId: string; planId: string; revision: number; comment?: string | null | undefined },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.write', { regionPath: school.regionPath, schoolId: school.schoolId });
  const plan = await loadPlan(ctx.db, school.schoolId, options.planId);
  const status = checkTransition(plan, 'reopen', options.revision);
  const now = ctx.clock.now();
  const reopened = await ctx.db.transaction(async (tx) => {
    const row = await updatePlanIfUnchanged(tx, plan, 'reopen', { status, updatedAt: now });
    await tx.insert(planEvents).values({
      schoolId: school.schoolId,
      planId: plan.planId,
      action: 'reopen',
      comment: options.comment ?? null,
      revision: plan.revision,
      content: plan.content,
      actorUserId: ctx.actor.userId,
      at: now,
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'plan.reopen',
      objectType: 'plan',
      objectId: plan.planId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { revision: plan.revision, comment: options.comment ?? null },
    });
    return row;
  });
  return planDetail(ctx, reopened);
}
