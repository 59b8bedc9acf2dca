import { and, desc, eq, lt } from 'drizzle-orm';
import { plans, terms } from '../../../db/schema.js';
import { emptyTermPlan } from '../../../domain/plan-workflow.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { applicableTerms } from '../terms/use-cases.js';
import { loadPlanSetting, loadSchool, planDetail } from './plan-setting.js';
import type { PlanDetail } from './schemas.js';

// F-02 一校一案: a draft plan for a term that applies to the school, one per term. It starts from the
// school's plan of the term before, when there is one (most of a plan carries over), else from the
// policy's defaults (emptyTermPlan).
export async function createPlan(
  ctx: ActorContext,
  options: { schoolId: string; termId: string },
): Promise<PlanDetail> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.write', { regionPath: school.regionPath, schoolId: school.schoolId });
  const term = (await applicableTerms(ctx.db, school.regionPath)).find((t) => t.termId === options.termId);
  if (!term) {
    const zh = '该学期不适用于本校';
    const en = 'That term does not apply to the school';
    throw new AppError('VALIDATION_FAILED', {
      zh,
      en,
      details: { fields: [{ path: 'body.termId', message: `${zh} / ${en}` }] },
    });
  }
  const setting = await loadPlanSetting(ctx.db, school, term.termId);
  const [previous] = await ctx.db
    .select({ planId: plans.planId, content: plans.content })
    .from(plans)
    .innerJoin(terms, eq(terms.termId, plans.termId))
    .where(and(eq(plans.schoolId, school.schoolId), lt(terms.firstDay, term.firstDay)))
    .orderBy(desc(terms.firstDay))
    .limit(1);
  const content = previous
    ? structuredClone(previous.content)
    : emptyTermPlan(setting.policyVersion.policy, school);
  const now = ctx.clock.now();
  const row = await ctx.db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(plans)
        .values({ schoolId: school.schoolId, termId: term.termId, content, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'plan.create',
        objectType: 'plan',
        objectId: created.planId,
        schoolId: school.schoolId,
        regionId: school.regionId,
        at: now,
        details: { termId: term.termId, termCode: term.code, copiedFrom: previous?.planId ?? null },
      });
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'plans_school_term_key')) throw new AppError('PLAN_EXISTS');
      throw error;
    });
  return planDetail(ctx, row, setting);
}
