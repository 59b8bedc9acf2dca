import { planEvents } from '../../../db/schema.js';
import { errorFindings } from '../../../domain/plan-workflow.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { evaluate, loadPlan, loadPlanSetting, loadSchool, planDetail } from './plan-setting.js';
import { checkTransition, updatePlanIfUnchanged } from './plan-transition.js';
import type { PlanDetail } from './schemas.js';

// B 六(五): 各校根据实际制定具体实施方案报市教育局审定. F-03: an error finding blocks the submission.
// The plan keeps the policy version it was submitted under (F-01: past terms keep their version).
export async function submitPlan(
  ctx: ActorContext,
  options: { schoolId: string; planId: string; revision: number },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.write', { regionPath: school.regionPath, schoolId: school.schoolId });
  const plan = await loadPlan(ctx.db, school.schoolId, options.planId);
  const status = checkTransition(plan, 'submit', options.revision);
  const setting = await loadPlanSetting(ctx.db, school, plan.termId, plan);
  const errors = errorFindings(evaluate(ctx, setting, plan.content).findings);
  if (errors.length > 0) {
    throw new AppError('PLAN_HAS_ERRORS', {
      zh: `方案还有 ${errors.length} 个不符合要求的问题，请修改后再提交`,
      en: `The plan has ${errors.length} error${errors.length === 1 ? '' : 's'} to fix before it can be submitted`,
      details: { findings: errors },
    });
  }
  const now = ctx.clock.now();
  const submitted = await ctx.db.transaction(async (tx) => {
    const row = await updatePlanIfUnchanged(tx, plan, 'submit', {
      status,
      submittedAt: now,
      updatedAt: now,
      policyVersionId: setting.policyVersion.versionId,
    });
    await tx.insert(planEvents).values({
      schoolId: school.schoolId,
      planId: plan.planId,
      action: 'submit',
      revision: plan.revision,
      content: plan.content,
      actorUserId: ctx.actor.userId,
      at: now,
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'plan.submit',
      objectType: 'plan',
      objectId: plan.planId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { revision: plan.revision, policyVersionId: setting.policyVersion.versionId },
    });
    return row;
  });
  return planDetail(ctx, submitted, setting);
}
