import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { applications, classes, students } from '../../../db/schema.js';
import type { ApplicationStatus } from '../../../domain/enrollment.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { type ApplicationView, applicationQuery, toApplicationView } from './application-view.js';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'approved',
  'waitlisted',
  'withdrawn',
];

// B 五(二) 学校审核: the school's applications of a term by status, with the counts for the tabs.
export async function listApplications(
  ctx: ActorContext,
  options: { schoolId: string; termId: string; status: ApplicationStatus; page: number; pageSize: number },
): Promise<{
  items: ApplicationView[];
  total: number;
  counts: Record<ApplicationStatus, number>;
}> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'application.list', { regionPath: scope.regionPath, schoolId: scope.schoolId });
  const inTerm = and(eq(applications.schoolId, options.schoolId), eq(applications.termId, options.termId));
  const countRows = await ctx.db
    .select({ status: applications.status, n: sql<number>`count(*)::int` })
    .from(applications)
    .where(inTerm)
    .groupBy(applications.status);
  const counts = { submitted: 0, approved: 0, waitlisted: 0, withdrawn: 0 };
  for (const c of countRows) counts[c.status] = c.n;
  const rows = await applicationQuery(ctx.db)
    .where(and(inTerm, eq(applications.status, options.status)))
    // Oldest first while waiting for a decision (first come, first served); newest decisions first.
    .orderBy(
      options.status === 'submitted' || options.status === 'waitlisted'
        ? asc(applications.submittedAt)
        : desc(
            sql`coalesce(${applications.withdrawnAt}, ${applications.decidedAt}, ${applications.submittedAt})`,
          ),
      asc(classes.grade),
      asc(classes.name),
      asc(students.studentNo),
    )
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { items: rows.map(toApplicationView), total: counts[options.status], counts };
}
