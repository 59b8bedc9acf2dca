import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import { loadPlan, loadSchool, planDetail } from './plan-setting.js';
import type { PlanDetail } from './schemas.js';

// The plan with its live findings (F-03), service days (F-04), policy version, projected labor cost
// and history.
export async function getPlan(
  ctx: ActorContext,
  options: { schoolId: string; planId: string },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.read', { regionPath: school.regionPath, schoolId: school.schoolId });
  const plan = await loadPlan(ctx.db, school.schoolId, options.planId);
  return planDetail(ctx, plan);
}
