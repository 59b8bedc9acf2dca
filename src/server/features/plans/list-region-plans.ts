import { and, asc, eq, inArray, like, or } from 'drizzle-orm';
import { notices, plans, regions, schools } from '../../../db/schema.js';
import type { PlanStatus } from '../../../domain/plan-workflow.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadRegionScope } from '../../policies/authorize.js';
import { applicableTerms, type TermRow } from '../terms/use-cases.js';
import type { RegionPlanItem } from './schemas.js';

type Status = PlanStatus | 'none';

// The term to show when none is asked for: the one in progress today, else the next to start, else the
// last one.
function defaultTermCode(all: readonly TermRow[], today: string): string | null {
  const current = all.find((t) => t.firstDay <= today && today <= t.lastDay);
  if (current) return current.code;
  const next = [...all]
    .filter((t) => t.firstDay > today)
    .sort((a, b) => a.firstDay.localeCompare(b.firstDay))[0];
  if (next) return next.code;
  return [...all].sort((a, b) => b.lastDay.localeCompare(a.lastDay))[0]?.code ?? null;
}

// The bureau's view (B 六(五) 审定, B 六(一) 监督和指导): every school in its region with the status of its
// plan for a term; a school without a plan shows as "none".
export async function listRegionPlans(
  ctx: ActorContext,
  options: { regionId: string; termCode?: string | undefined; status?: Status | undefined },
): Promise<{
  termCode: string | null;
  term: { code: string; name: string; firstDay: string; lastDay: string } | null;
  counts: Record<Status, number>;
  items: RegionPlanItem[];
}> {
  const region = await loadRegionScope(ctx.db, options.regionId);
  authorize(ctx.actor, 'plan.review', { regionPath: region.path });
  const inScope = await ctx.db
    .select({
      schoolId: schools.schoolId,
      schoolCode: schools.code,
      schoolName: schools.name,
      regionId: regions.id,
      regionName: regions.name,
      regionPath: regions.path,
    })
    .from(schools)
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(or(eq(regions.path, region.path), like(regions.path, `${region.path}/%`)))
    .orderBy(asc(regions.path), asc(schools.code));

  // Schools use the terms of the nearest region above them that has any: one lookup per region.
  const termsByPath = new Map<string, TermRow[]>();
  for (const path of new Set(inScope.map((s) => s.regionPath))) {
    termsByPath.set(path, await applicableTerms(ctx.db, path));
  }
  const termCode =
    options.termCode ?? defaultTermCode([...termsByPath.values()].flat(), schoolDate(ctx.clock.now()));
  // The term as the bureau's own region has it; else as the first of its schools that has it (a county
  // below may keep terms of its own).
  const regionTerms = termsByPath.get(region.path) ?? (await applicableTerms(ctx.db, region.path));
  const shown =
    regionTerms.find((t) => t.code === termCode) ??
    [...termsByPath.values()].flat().find((t) => t.code === termCode) ??
    null;
  const termOf = new Map(
    inScope.map((s) => [s.schoolId, termsByPath.get(s.regionPath)?.find((t) => t.code === termCode) ?? null]),
  );
  const termIds = [...new Set([...termOf.values()].flatMap((t) => (t ? [t.termId] : [])))];
  const schoolIds = inScope.map((s) => s.schoolId);
  const planRows =
    termIds.length === 0 || schoolIds.length === 0
      ? []
      : await ctx.db
          .select()
          .from(plans)
          .where(and(inArray(plans.termId, termIds), inArray(plans.schoolId, schoolIds)));
  const planIds = planRows.map((p) => p.planId);
  const noticeRows =
    planIds.length === 0
      ? []
      : await ctx.db
          .select({ planId: notices.planId, version: notices.version })
          .from(notices)
          .where(and(inArray(notices.schoolId, schoolIds), inArray(notices.planId, planIds)));
  const noticeVersion = new Map<string, number>();
  for (const n of noticeRows)
    noticeVersion.set(n.planId, Math.max(n.version, noticeVersion.get(n.planId) ?? 0));

  const counts: Record<Status, number> = { none: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
  const items: RegionPlanItem[] = inScope.map((s) => {
    const term = termOf.get(s.schoolId) ?? null;
    const plan = term
      ? planRows.find((p) => p.schoolId === s.schoolId && p.termId === term.termId)
      : undefined;
    counts[plan?.status ?? 'none']++;
    return {
      schoolId: s.schoolId,
      schoolCode: s.schoolCode,
      schoolName: s.schoolName,
      regionId: s.regionId,
      regionName: s.regionName,
      termId: term?.termId ?? null,
      planId: plan?.planId ?? null,
      status: plan?.status ?? 'none',
      revision: plan?.revision ?? null,
      updatedAt: plan?.updatedAt.toISOString() ?? null,
      submittedAt: plan?.submittedAt?.toISOString() ?? null,
      decidedAt: plan?.decidedAt?.toISOString() ?? null,
      noticeVersion: plan ? (noticeVersion.get(plan.planId) ?? null) : null,
    };
  });
  return {
    termCode,
    term: shown
      ? { code: shown.code, name: shown.name, firstDay: shown.firstDay, lastDay: shown.lastDay }
      : null,
    counts,
    items: options.status ? items.filter((i) => i.status === options.status) : items,
  };
}
