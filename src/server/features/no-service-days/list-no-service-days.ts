import { and, asc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { schoolNoServiceDays, users } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { applicableTerms } from '../terms/use-cases.js';
import type { NoServiceDayView } from './schemas.js';

// F-04: the school's own days without service (exams, weather), optionally those of one term.
export async function listNoServiceDays(
  ctx: ActorContext,
  options: { schoolId: string; termId?: string | undefined },
): Promise<NoServiceDayView[]> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'plan.read', { regionPath: scope.regionPath, schoolId: options.schoolId });
  const conditions: SQL[] = [eq(schoolNoServiceDays.schoolId, options.schoolId)];
  if (options.termId) {
    const term = (await applicableTerms(ctx.db, scope.regionPath)).find((t) => t.termId === options.termId);
    if (!term) {
      const zh = '该学期不适用于本校';
      const en = 'That term does not apply to the school';
      throw new AppError('VALIDATION_FAILED', {
        zh,
        en,
        details: { fields: [{ path: 'querystring.termId', message: `${zh} / ${en}` }] },
      });
    }
    conditions.push(
      gte(schoolNoServiceDays.date, term.firstDay),
      lte(schoolNoServiceDays.date, term.lastDay),
    );
  }
  const rows = await ctx.db
    .select({
      date: schoolNoServiceDays.date,
      reason: schoolNoServiceDays.reason,
      createdAt: schoolNoServiceDays.createdAt,
      createdByName: users.displayName,
    })
    .from(schoolNoServiceDays)
    .leftJoin(users, eq(users.id, schoolNoServiceDays.createdBy))
    .where(and(...conditions))
    .orderBy(asc(schoolNoServiceDays.date));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
