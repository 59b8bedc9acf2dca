// What a plan is checked against, loaded from storage: the school, the term, the region policy in
// force on the term's first day (F-01), the region's calendar entries and the school's no-service days
// (F-04). The rules themselves are in src/domain/plan-workflow.ts.
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { executeNamed } from '../../../db/named-query.js';
import {
  notices,
  planEvents,
  plans,
  policyVersions,
  regions,
  schoolNoServiceDays,
  schools,
  users,
} from '../../../db/schema.js';
import type { CalendarOverride, NoServiceDay } from '../../../domain/calendar.js';
import { chineseDate } from '../../../domain/dates.js';
import type { SavedArrangement } from '../../../domain/in-charge.js';
import { publicNotice } from '../../../domain/notice.js';
import type { TermPlan } from '../../../domain/plan.js';
import { errorFindings, evaluatePlan, type PlanEvaluation } from '../../../domain/plan-workflow.js';
import type { RegionPolicy } from '../../../domain/policy.js';
import { normalizePolicy, policyInForce } from '../../../domain/policy.js';
import type { SchoolType } from '../../../domain/school.js';
import { schoolDate } from '../../clock.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { applicableCalendarOverrides } from '../calendar/use-cases.js';
import { applicablePolicyVersions } from '../policy/use-cases.js';
import { loadTerm, type TermRow } from '../terms/use-cases.js';
import { loadArrangement } from './arrangement.js';
import type { PlanDetail } from './schemas.js';

export type PlanRow = typeof plans.$inferSelect;

export interface SchoolRecord {
  schoolId: string;
  code: string;
  name: string;
  type: SchoolType;
  grades: number[];
  address: string | null;
  phone: string | null;
  regionId: string;
  regionPath: string;
}

export interface PolicyVersionRecord {
  versionId: string;
  regionId: string;
  version: number;
  effectiveFrom: string;
  policy: RegionPolicy;
}

export interface PlanSetting {
  school: SchoolRecord;
  term: TermRow;
  policyVersion: PolicyVersionRecord;
  overrides: CalendarOverride[];
  noServiceDays: NoServiceDay[];
  // The grouping and rota saved for the term: who is in charge once saved (in-charge.ts).
  arrangement: SavedArrangement;
}

const schoolColumns = {
  schoolId: schools.schoolId,
  code: schools.code,
  name: schools.name,
  type: schools.type,
  grades: schools.grades,
  address: schools.address,
  phone: schools.phone,
  regionId: schools.regionId,
  regionPath: regions.path,
};

// Every school-level request reads its school (for the permission check, then the work). The record
// changes rarely — its region never, its name, grades, address or phone by the office — so each process
// keeps it for SCHOOL_TTL_MS; `updateSchool` forgets it at once in its own process, and another process
// sees the change within SCHOOL_TTL_MS. The query is a named statement (src/db/named-query.ts).
const SCHOOL_TTL_MS = 10_000;
const schoolCache = new Map<string, { loadedAt: number; school: SchoolRecord }>();

export function forgetSchool(schoolId: string): void {
  schoolCache.delete(schoolId);
}

export async function loadSchool(db: Pick<Db, '_'>, schoolId: string): Promise<SchoolRecord> {
  const now = performance.now();
  const cached = schoolCache.get(schoolId);
  if (cached && now - cached.loadedAt < SCHOOL_TTL_MS) return cached.school;
  const [row] = await executeNamed<SchoolRecord & Record<string, unknown>>(
    db,
    'kehou_school',
    sql`select s.school_id as "schoolId", s.code, s.name, s.type, s.grades, s.address, s.phone,
        s.region_id as "regionId", r.path as "regionPath"
      from schools s join regions r on r.id = s.region_id
      where s.school_id = ${schoolId}`,
  );
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该学校', en: 'No such school' });
  schoolCache.set(schoolId, { loadedAt: now, school: row });
  return row;
}

export async function findSchoolByCode(db: Db, code: string): Promise<SchoolRecord | null> {
  const [row] = await db
    .select(schoolColumns)
    .from(schools)
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(eq(schools.code, code));
  return row ?? null;
}

export async function loadPlan(db: Db, schoolId: string, planId: string): Promise<PlanRow> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.schoolId, schoolId), eq(plans.planId, planId)));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该方案', en: 'No such plan' });
  return row;
}

// F-01: a term uses the version in force on its first day. A plan that has been submitted keeps the
// version it was submitted under (`pinned`).
export async function policyVersionForTerm(
  db: Db,
  regionPath: string,
  term: Pick<TermRow, 'firstDay'>,
  pinned: string | null = null,
): Promise<PolicyVersionRecord> {
  const columns = {
    versionId: policyVersions.versionId,
    regionId: policyVersions.regionId,
    version: policyVersions.version,
    effectiveFrom: policyVersions.effectiveFrom,
    policy: policyVersions.policy,
  };
  if (pinned) {
    const [row] = await db.select(columns).from(policyVersions).where(eq(policyVersions.versionId, pinned));
    if (row) return { ...row, policy: normalizePolicy(row.policy) };
  }
  const { rows } = await applicablePolicyVersions(db, regionPath);
  const inForce = policyInForce(rows, term.firstDay);
  if (!inForce) {
    // Name the day that lacks a policy: the term's first, on which a term's rules are read (F-01).
    throw new AppError('NO_POLICY_IN_FORCE', {
      zh: `该地区在本学期第一天（${chineseDate(term.firstDay)}）没有生效的课后服务政策：请教育局发布政策，或把本地区的第一个政策版本的生效日期设为学期第一天`,
      en: `The region has no policy in force on the term's first day (${term.firstDay}): the bureau publishes one, or dates the region's first policy version from the term's first day`,
      details: { date: term.firstDay },
    });
  }
  return {
    versionId: inForce.versionId,
    regionId: inForce.regionId,
    version: inForce.version,
    effectiveFrom: inForce.effectiveFrom,
    policy: inForce.policy,
  };
}

export async function noServiceDaysWithin(
  db: Db,
  schoolId: string,
  from: string,
  to: string,
): Promise<NoServiceDay[]> {
  return db
    .select({ date: schoolNoServiceDays.date, reason: schoolNoServiceDays.reason })
    .from(schoolNoServiceDays)
    .where(
      and(
        eq(schoolNoServiceDays.schoolId, schoolId),
        gte(schoolNoServiceDays.date, from),
        lte(schoolNoServiceDays.date, to),
      ),
    )
    .orderBy(asc(schoolNoServiceDays.date));
}

// Submitted and approved plans are read under the version they were submitted with; drafts and
// returned plans under the one in force now for the term.
function pinnedVersion(plan: Pick<PlanRow, 'status' | 'policyVersionId'>): string | null {
  return plan.status === 'submitted' || plan.status === 'approved' ? plan.policyVersionId : null;
}

export async function loadPlanSetting(
  db: Db,
  school: SchoolRecord,
  termId: string,
  plan: Pick<PlanRow, 'status' | 'policyVersionId'> | null = null,
): Promise<PlanSetting> {
  const term = await loadTerm(db, termId);
  const policyVersion = await policyVersionForTerm(
    db,
    school.regionPath,
    term,
    plan ? pinnedVersion(plan) : null,
  );
  return {
    school,
    term,
    policyVersion,
    overrides: await applicableCalendarOverrides(db, school.regionPath),
    noServiceDays: await noServiceDaysWithin(db, school.schoolId, term.firstDay, term.lastDay),
    arrangement: await loadArrangement(db, school.schoolId, termId),
  };
}

export function evaluate(ctx: UseCaseContext, setting: PlanSetting, content: TermPlan): PlanEvaluation {
  return evaluatePlan({
    policy: setting.policyVersion.policy,
    plan: content,
    term: setting.term,
    overrides: setting.overrides,
    noServiceDays: setting.noServiceDays,
    arrangement: setting.arrangement,
    school: setting.school,
    // Enrollment (F-06) does not exist yet: the staffing quota uses the plan's expected head-count.
    enrolledStudents: 0,
    today: schoolDate(ctx.clock.now()),
  });
}

export async function latestNotice(
  db: Db,
  schoolId: string,
  planId: string,
): Promise<typeof notices.$inferSelect | null> {
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.schoolId, schoolId), eq(notices.planId, planId)))
    .orderBy(desc(notices.version))
    .limit(1);
  return row ?? null;
}

// Everything the plan page shows: the plan, its findings beside the form, the service days, the
// policy used, the projected cost and the history of submissions, returns and approvals.
export async function planDetail(
  ctx: UseCaseContext,
  plan: PlanRow,
  setting?: PlanSetting,
): Promise<PlanDetail> {
  const school = setting?.school ?? (await loadSchool(ctx.db, plan.schoolId));
  const s = setting ?? (await loadPlanSetting(ctx.db, school, plan.termId, plan));
  const evaluation = evaluate(ctx, s, plan.content);
  const history = await ctx.db
    .select({
      action: planEvents.action,
      comment: planEvents.comment,
      revision: planEvents.revision,
      at: planEvents.at,
      actorName: users.displayName,
    })
    .from(planEvents)
    .leftJoin(users, eq(users.id, planEvents.actorUserId))
    .where(and(eq(planEvents.schoolId, plan.schoolId), eq(planEvents.planId, plan.planId)))
    // A return or an approval always follows the submission of the same revision.
    .orderBy(
      asc(planEvents.at),
      asc(planEvents.revision),
      sql`case ${planEvents.action} when 'submit' then 0 else 1 end`,
    );
  const notice = await latestNotice(ctx.db, plan.schoolId, plan.planId);
  // B 六(五) 审定: what the bureau's approval would publish now (F-05), shown before it confirms.
  const noticePreview =
    plan.status === 'submitted'
      ? publicNotice({
          school: { code: school.code, name: school.name, address: school.address, phone: school.phone },
          term: s.term,
          plan: plan.content,
          summerSeason: { ...s.policyVersion.policy.summerSeason },
          version: (notice?.version ?? 0) + 1,
          publishedAt: ctx.clock.now().toISOString(),
          arrangement: s.arrangement,
        })
      : null;
  return {
    id: plan.planId,
    schoolId: plan.schoolId,
    status: plan.status,
    revision: plan.revision,
    content: plan.content,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    decidedAt: plan.decidedAt?.toISOString() ?? null,
    school: {
      id: school.schoolId,
      code: school.code,
      name: school.name,
      type: school.type,
      grades: school.grades,
    },
    term: {
      id: s.term.termId,
      code: s.term.code,
      name: s.term.name,
      firstDay: s.term.firstDay,
      lastDay: s.term.lastDay,
      unifiedStartDate: s.term.unifiedStartDate,
    },
    policyVersion: s.policyVersion,
    findings: evaluation.findings,
    canSubmit: errorFindings(evaluation.findings).length === 0,
    serviceDays: evaluation.serviceDays,
    laborCost: evaluation.laborCost,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    notice: notice ? { version: notice.version, publishedAt: notice.publishedAt.toISOString() } : null,
    arrangement: {
      groups: s.arrangement.groups.map((g) => ({ ...g, grades: [...g.grades] })),
      duties: [...s.arrangement.duties],
    },
    noticePreview,
  };
}
