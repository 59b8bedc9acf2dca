import { and, eq } from 'drizzle-orm';
import { plans } from '../../../db/schema.js';
import { type PublicNotice, publicNotice } from '../../../domain/notice.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { loadArrangement } from '../plans/arrangement.js';
import { findSchoolByCode, latestNotice, policyVersionForTerm } from '../plans/plan-setting.js';
import { termOfSchoolByCode } from '../terms/use-cases.js';

// One answer for every miss, so that the address tells nothing about which part is missing.
const notPublished = () =>
  new AppError('NOT_FOUND', {
    zh: '该校本学期的课后服务公示尚未发布',
    en: 'No after-school service notice is published for this school and term',
  });

// F-05 服务公示 (B 五(一)), for anyone, without login: the latest notice version of the school's
// approved plan for the term. A plan reopened for amendment keeps its last approved notice public.
// The groups and people in charge come from the saved grouping and rota once there are any.
export async function getPublicNotice(
  ctx: UseCaseContext,
  options: { schoolCode: string; termCode: string },
): Promise<PublicNotice> {
  const school = await findSchoolByCode(ctx.db, options.schoolCode);
  if (!school) throw notPublished();
  const term = await termOfSchoolByCode(ctx.db, school.regionPath, options.termCode);
  if (!term) throw notPublished();
  const [plan] = await ctx.db
    .select({ planId: plans.planId, policyVersionId: plans.policyVersionId })
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.termId, term.termId)));
  if (!plan) throw notPublished();
  const notice = await latestNotice(ctx.db, school.schoolId, plan.planId);
  if (!notice) throw notPublished();
  // The summer-time dates pick each day's end time (B 二); the version the plan was submitted under.
  const policy = await policyVersionForTerm(ctx.db, school.regionPath, term, plan.policyVersionId).catch(
    () => null,
  );
  return publicNotice({
    school: { code: school.code, name: school.name, address: school.address, phone: school.phone },
    term,
    plan: notice.content,
    summerSeason: policy ? { ...policy.policy.summerSeason } : null,
    version: notice.version,
    publishedAt: notice.publishedAt.toISOString(),
    // Who is in charge once the school saved its grouping and rota (in-charge.ts), read now: the
    // notice names the people who have the children, not those the plan named at approval.
    arrangement: await loadArrangement(ctx.db, school.schoolId, term.termId),
  });
}
