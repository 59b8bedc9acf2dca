import { and, eq, like, or, sql } from 'drizzle-orm';
import { applications, regions, schools, terms } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadRegionScope } from '../../policies/authorize.js';

// C 应托尽托 (F-06): waitlisted children are children who need the service and do not have it. The
// bureau sees them as counts per school — figures, not names (B 六(四) 纳入教育督导范围).
export async function coverageGap(ctx: ActorContext, options: { regionId: string; termCode: string }) {
  const region = await loadRegionScope(ctx.db, options.regionId);
  authorize(ctx.actor, 'region.read', { regionPath: region.path });
  const rows = await ctx.db
    .select({
      schoolId: schools.schoolId,
      schoolName: schools.name,
      schoolCode: schools.code,
      waitlisted: sql<number>`count(*) filter (where ${applications.status} = 'waitlisted')::int`,
      submitted: sql<number>`count(*) filter (where ${applications.status} = 'submitted')::int`,
      approved: sql<number>`count(*) filter (where ${applications.status} = 'approved')::int`,
    })
    .from(applications)
    .innerJoin(schools, eq(schools.schoolId, applications.schoolId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .innerJoin(terms, eq(terms.termId, applications.termId))
    .where(
      and(
        eq(terms.code, options.termCode),
        or(eq(regions.path, region.path), like(regions.path, `${region.path}/%`)),
      ),
    )
    .groupBy(schools.schoolId, schools.name, schools.code)
    .orderBy(schools.code);
  return {
    items: rows,
    totalWaitlisted: rows.reduce((sum, r) => sum + r.waitlisted, 0),
  };
}
