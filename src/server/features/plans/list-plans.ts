import { desc, eq, sql } from 'drizzle-orm';
import { notices, plans, terms } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import type { PlanListItem } from './schemas.js';

// The school's plans, newest term first (F-02 一校一案: one per term).
export async function listPlans(ctx: ActorContext, options: { schoolId: string }): Promise<PlanListItem[]> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.read', { regionPath: scope.regionPath, schoolId: options.schoolId });
  const rows = await ctx.db
    .select({
      id: plans.planId,
      termId: plans.termId,
      termCode: terms.code,
      termName: terms.name,
      firstDay: terms.firstDay,
      lastDay: terms.lastDay,
      status: plans.status,
      revision: plans.revision,
      updatedAt: plans.updatedAt,
      submittedAt: plans.submittedAt,
      decidedAt: plans.decidedAt,
      noticeVersion: sql<
        number | null
      >`(select max(${notices.version})::int from ${notices} where ${notices.schoolId} = ${plans.schoolId} and ${notices.planId} = ${plans.planId})`,
    })
    .from(plans)
    .innerJoin(terms, eq(terms.termId, plans.termId))
    .where(eq(plans.schoolId, options.schoolId))
    .orderBy(desc(terms.firstDay));
  return rows.map((r) => ({
    ...r,
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}
