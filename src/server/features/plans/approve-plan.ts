import { and, eq, sql } from 'drizzle-orm';
import { notices, planEvents } from '../../../db/schema.js';
import { errorFindings } from '../../../domain/plan-workflow.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { evaluate, loadPlan, loadPlanSetting, loadSchool, planDetail } from './plan-setting.js';
import { checkTransition, updatePlanIfUnchanged } from './plan-transition.js';
import type { PlanDetail } from './schemas.js';

// B 六(五) 报市教育局审定: the bureau approves a submitted plan, which publishes the next version of the
// school's public notice (F-05, B 五(一) 服务公示) with the content approved. Applications (F-06) record
// the notice version they agreed to.
export async function approvePlan(
  ctx: ActorContext,
  options: { schoolId: string; planId: string; revision: number; comment?: string | null | undefined },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.review', { regionPath: school.regionPath, schoolId: school.schoolId });
  const plan = await loadPlan(ctx.db, school.schoolId, options.planId);
  const status = checkTransition(plan, 'approve', options.revision);
  // F-03: what was fine when submitted may not be now (a letter or the insurance has lapsed since):
  // the bureau returns such a plan with its comments rather than publishing it.
  const setting = await loadPlanSetting(ctx.db, school, plan.termId, plan);
  const errors = errorFindings(evaluate(ctx, setting, plan.content).findings);
  if (errors.length > 0) {
    throw new AppError('PLAN_HAS_ERRORS', {
      zh: `方案现有 ${errors.length} 个不符合要求的问题，不能审定；请退回学校修改`,
      en: `The plan now has ${errors.length} error${errors.length === 1 ? '' : 's'} and cannot be approved; return it to the school`,
      details: { findings: errors },
    });
  }
  const now = ctx.clock.now();
  const approved = await ctx.db.transaction(async (tx) => {
    // The update locks the plan's row: two approvals cannot publish the same version.
    const row = await updatePlanIfUnchanged(tx, plan, 'approve', { status, decidedAt: now, updatedAt: now });
    await tx.insert(planEvents).values({
      schoolId: school.schoolId,
      planId: plan.planId,
      action: 'approve',
      comment: options.comment ?? null,
      revision: plan.revision,
      content: plan.content,
      actorUserId: ctx.actor.userId,
      at: now,
    });
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${notices.version}), 0)::int` })
      .from(notices)
      .where(and(eq(notices.schoolId, school.schoolId), eq(notices.planId, plan.planId)));
    const version = (last?.version ?? 0) + 1;
    await tx.insert(notices).values({
      schoolId: school.schoolId,
      planId: plan.planId,
      version,
      content: plan.content,
      publishedAt: now,
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'plan.approve',
      objectType: 'plan',
      objectId: plan.planId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { revision: plan.revision, noticeVersion: version },
    });
    return row;
  });
  return planDetail(ctx, approved, setting);
}
