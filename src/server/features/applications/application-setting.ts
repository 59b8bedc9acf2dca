// What an application is read and checked against, loaded from storage: the school, the term, the
// school's approved plan and its latest public notice (F-05, the version a guardian agrees to), the
// child with grade and class, and the term's service days (F-04, with the school's no-service days).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { applications, classes, plans, students } from '../../../db/schema.js';
import { planTermDays } from '../../../domain/calendar.js';
import type { IsoDate } from '../../../domain/dates.js';
import type { TermPlan } from '../../../domain/plan.js';
import { AppError } from '../../errors.js';
import { latestNotice, loadPlanSetting, loadSchool, type SchoolRecord } from '../plans/plan-setting.js';
import { loadTerm, type TermRow } from '../terms/use-cases.js';

export type ApplicationRow = typeof applications.$inferSelect;

export interface TermNotice {
  school: SchoolRecord;
  term: TermRow;
  planId: string;
  policyVersionId: string | null;
  version: number;
  publishedAt: Date;
  content: TermPlan;
}

// The latest notice of the school's plan for the term. Applications are open once a plan has been
// approved and its notice published (B 五(一) 服务公示 before B 五(二) 自愿报名).
export async function loadTermNotice(db: Db, schoolId: string, termId: string): Promise<TermNotice> {
  const school = await loadSchool(db, schoolId);
  const term = await loadTerm(db, termId);
  const [plan] = await db
    .select({ planId: plans.planId, policyVersionId: plans.policyVersionId })
    .from(plans)
    .where(and(eq(plans.schoolId, schoolId), eq(plans.termId, termId)));
  const notice = plan ? await latestNotice(db, schoolId, plan.planId) : null;
  if (!plan || !notice) throw new AppError('NOTICE_NOT_PUBLISHED');
  return {
    school,
    term,
    planId: plan.planId,
    policyVersionId: plan.policyVersionId,
    version: notice.version,
    publishedAt: notice.publishedAt,
    content: notice.content,
  };
}

// The service days of the term by the notice's weekdays, the region's calendar and the school's
// no-service days, with the summer season of the policy the plan was approved under.
export async function termServiceDays(db: Db, notice: TermNotice): Promise<{ date: IsoDate }[]> {
  const setting = await loadPlanSetting(db, notice.school, notice.term.termId, {
    status: 'approved',
    policyVersionId: notice.policyVersionId,
  });
  return planTermDays({
    term: notice.term,
    plan: notice.content,
    policy: setting.policyVersion.policy,
    overrides: setting.overrides,
    noServiceDays: setting.noServiceDays,
  }).serviceDays;
}

export interface ChildRecord {
  studentId: string;
  name: string;
  studentNo: string;
  grade: number;
  className: string;
}

export async function loadChild(db: Db, schoolId: string, studentId: string): Promise<ChildRecord> {
  const [row] = await db
    .select({
      studentId: students.studentId,
      name: students.name,
      studentNo: students.studentNo,
      grade: classes.grade,
      className: classes.name,
    })
    .from(students)
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .where(and(eq(students.schoolId, schoolId), eq(students.studentId, studentId)));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该学生', en: 'No such student' });
  return row;
}

export async function loadApplication(
  db: Db,
  schoolId: string,
  applicationId: string,
): Promise<ApplicationRow> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.schoolId, schoolId), eq(applications.applicationId, applicationId)));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该报名申请', en: 'No such application' });
  return row;
}

export function wrongStatus(status: string): AppError {
  const zh: Record<string, string> = {
    submitted: '待审核',
    approved: '已通过',
    waitlisted: '候补中',
    withdrawn: '已退出',
  };
  return new AppError('APPLICATION_WRONG_STATUS', {
    zh: `该报名申请${zh[status] ?? status}，不能进行此操作；请刷新后再试`,
    en: `The application is ${status}; this cannot be done now — reload and try again`,
  });
}
