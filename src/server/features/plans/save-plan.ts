import type { TermPlan } from '../../../domain/plan.js';
import { isStructural } from '../../../domain/plan-workflow.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { evaluate, loadPlan, loadPlanSetting, loadSchool, planDetail } from './plan-setting.js';
import { checkTransition, updatePlanIfUnchanged } from './plan-transition.js';
import type { PlanDetail } from './schemas.js';

// 'timetable[0].end' (a finding's field) → 'body.content.timetable.0.end' (a request field).
export function requestField(field: string | undefined): string {
  if (!field) return 'body.content';
  return `body.content.${field.replace(/\[(\d+)\]/g, '.$1')}`;
}

// Saves a draft or a returned plan. Compliance findings are allowed in a draft and shown live; a plan
// that is structurally wrong (STRUCTURAL_RULES: malformed values, unknown references, sessions that
// end before they start or overlap in one room or with one person) is refused with each field named,
// and nothing is stored.
export async function savePlan(
  ctx: ActorContext,
  options: { schoolId: string; planId: string; revision: number; content: TermPlan },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.write', { regionPath: school.regionPath, schoolId: school.schoolId });
  const plan = await loadPlan(ctx.db, school.schoolId, options.planId);
  checkTransition(plan, 'save', options.revision);
  const setting = await loadPlanSetting(ctx.db, school, plan.termId, plan);
  const structural = evaluate(ctx, setting, options.content).findings.filter(isStructural);
  if (structural.length > 0) {
    const fields = structural.map((f) => ({
      path: requestField(f.field),
      message: `${f.message.zh} / ${f.message.en}`,
    }));
    const names = [...new Set(fields.map((f) => f.path))].join(', ');
    throw new AppError('VALIDATION_FAILED', {
      zh: `方案有误：${names}`,
      en: `The plan is not valid: ${names}`,
      details: { fields, findings: structural },
    });
  }
  const now = ctx.clock.now();
  const saved = await ctx.db.transaction(async (tx) => {
    const row = await updatePlanIfUnchanged(tx, plan, 'save', {
      content: options.content,
      // The update matches only the revision read, so this is the next one.
      revision: plan.revision + 1,
      updatedAt: now,
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'plan.save',
      objectType: 'plan',
      objectId: plan.planId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { revision: row.revision },
    });
    return row;
  });
  return planDetail(ctx, saved, setting);
}
