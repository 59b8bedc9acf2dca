// The guardian's side of F-06: the form for a child and term, and each child's application status.
import { and, asc, desc, eq, exists, gte, inArray, sql } from 'drizzle-orm';
import {
  applications,
  classes,
  guardianships,
  notices,
  plans,
  schools,
  students,
  terms,
} from '../../../db/schema.js';
import {
  gradeIsServed,
  isLive,
  offersExtendedCustody,
  withdrawalEffectiveDate,
} from '../../../domain/enrollment.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { findSchoolByCode, latestNotice } from '../plans/plan-setting.js';
import { termOfSchoolByCode } from '../terms/use-cases.js';
import { loadChild, loadTermNotice, termServiceDays } from './application-setting.js';
import {
  type ApplicationView,
  applicationQuery,
  currentPickupPersons,
  type PickupPersonView,
  toApplicationView,
} from './application-view.js';

export interface GuardianChildStatus {
  studentId: string;
  schoolId: string;
  schoolName: string;
  schoolCode: string;
  name: string;
  grade: number;
  className: string;
  // The latest application of the child (any term), with the date a withdrawal would take effect.
  application: ApplicationView | null;
  withdrawalEffectiveFrom: string | null;
  pickupPersons: PickupPersonView[];
  // The term whose notice is open for applications now (its plan approved, the term not over).
  // Whether the child's grade is one the open notice serves (B 一: 1-2年级 in the pilot).
  openTerm: { code: string; name: string; eligible: boolean } | null;
}

async function openTermOf(ctx: ActorContext, schoolId: string, grade: number) {
  const [row] = await ctx.db
    .select({ code: terms.code, name: terms.name, planId: plans.planId })
    .from(plans)
    .innerJoin(terms, eq(terms.termId, plans.termId))
    .where(
      and(
        eq(plans.schoolId, schoolId),
        gte(terms.lastDay, schoolDate(ctx.clock.now())),
        exists(
          ctx.db
            .select({ one: sql`1` })
            .from(notices)
            .where(and(eq(notices.schoolId, plans.schoolId), eq(notices.planId, plans.planId))),
        ),
      ),
    )
    .orderBy(asc(terms.firstDay))
    .limit(1);
  if (!row) return null;
  const notice = await latestNotice(ctx.db, schoolId, row.planId);
  return { code: row.code, name: row.name, eligible: notice ? gradeIsServed(notice.content, grade) : false };
}

async function ownChildren(ctx: ActorContext, schoolId?: string) {
  return ctx.db
    .select({
      studentId: students.studentId,
      schoolId: schools.schoolId,
      schoolName: schools.name,
      schoolCode: schools.code,
      name: students.name,
      grade: classes.grade,
      className: classes.name,
    })
    .from(guardianships)
    .innerJoin(
      students,
      and(eq(students.schoolId, guardianships.schoolId), eq(students.studentId, guardianships.studentId)),
    )
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .innerJoin(schools, eq(schools.schoolId, students.schoolId))
    .where(
      and(
        eq(guardianships.userId, ctx.actor.userId),
        schoolId === undefined ? undefined : eq(guardianships.schoolId, schoolId),
      ),
    )
    .orderBy(asc(students.name));
}

// Every child of the signed-in guardian with their latest application: the guardian home.
export async function guardianOverview(ctx: ActorContext): Promise<{ items: GuardianChildStatus[] }> {
  const children = await ownChildren(ctx);
  const items: GuardianChildStatus[] = [];
  for (const child of children) {
    // Scoped by construction (the guardianship rows of this user); asked all the same.
    const [latest] = await applicationQuery(ctx.db)
      .where(and(eq(applications.schoolId, child.schoolId), eq(applications.studentId, child.studentId)))
      .orderBy(desc(applications.submittedAt))
      .limit(1);
    const application = latest ? toApplicationView(latest) : null;
    let effective: string | null = null;
    if (application && isLive(application.status)) {
      const notice = await loadTermNotice(ctx.db, child.schoolId, application.termId);
      effective = withdrawalEffectiveDate({
        today: schoolDate(ctx.clock.now()),
        serviceDays: await termServiceDays(ctx.db, notice),
      });
    }
    const persons = await currentPickupPersons(ctx.db, child.schoolId, [child.studentId]);
    items.push({
      ...child,
      application,
      withdrawalEffectiveFrom: effective,
      pickupPersons: persons.get(child.studentId) ?? [],
      openTerm: await openTermOf(ctx, child.schoolId, child.grade),
    });
  }
  return { items };
}

// The application form reached from the public notice (/guardian/apply?school=…&term=…): the notice's
// choices and the guardian's children at that school with what they have applied for.
export async function applicationForm(ctx: ActorContext, options: { schoolCode: string; termCode: string }) {
  const school = await findSchoolByCode(ctx.db, options.schoolCode);
  const term = school ? await termOfSchoolByCode(ctx.db, school.regionPath, options.termCode) : null;
  if (!school || !term) throw new AppError('NOTICE_NOT_PUBLISHED');
  const notice = await loadTermNotice(ctx.db, school.schoolId, term.termId);
  const children = await ownChildren(ctx, school.schoolId);
  for (const c of children) {
    authorize(ctx.actor, 'application.read', {
      regionPath: school.regionPath,
      schoolId: school.schoolId,
      studentId: c.studentId,
    });
  }
  const ids = children.map((c) => c.studentId);
  const rows =
    ids.length === 0
      ? []
      : await applicationQuery(ctx.db)
          .where(
            and(
              eq(applications.schoolId, school.schoolId),
              eq(applications.termId, term.termId),
              inArray(applications.studentId, ids),
            ),
          )
          .orderBy(desc(applications.submittedAt));
  const persons = await currentPickupPersons(ctx.db, school.schoolId, ids);
  return {
    school: { id: school.schoolId, code: school.code, name: school.name },
    term: { id: term.termId, code: term.code, name: term.name, unifiedStartDate: term.unifiedStartDate },
    notice: {
      version: notice.version,
      publishedAt: notice.publishedAt.toISOString(),
      weekdays: notice.content.weekdays,
      departureBatches: notice.content.departureBatches.map((b) => ({
        name: b.name,
        time: b.time,
        seasons: b.seasons ?? ['summer', 'other'],
      })),
      grades: notice.content.grades,
      extendedCustodyOffered: offersExtendedCustody(notice.content),
    },
    children: children.map((c) => {
      const latest = rows.find((r) => r.studentId === c.studentId);
      return {
        studentId: c.studentId,
        name: c.name,
        grade: c.grade,
        className: c.className,
        eligible: gradeIsServed(notice.content, c.grade),
        application: latest ? toApplicationView(latest) : null,
        pickupPersons: persons.get(c.studentId) ?? [],
      };
    }),
  };
}

// One child's applications (latest first), for the guardian or the school.
export async function childApplications(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string },
): Promise<{ items: ApplicationView[]; pickupPersons: PickupPersonView[] }> {
  const school = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'application.read', {
    regionPath: school.regionPath,
    schoolId: options.schoolId,
    studentId: options.studentId,
  });
  await loadChild(ctx.db, options.schoolId, options.studentId);
  const rows = await applicationQuery(ctx.db)
    .where(and(eq(applications.schoolId, options.schoolId), eq(applications.studentId, options.studentId)))
    .orderBy(desc(applications.submittedAt));
  const persons = await currentPickupPersons(ctx.db, options.schoolId, [options.studentId]);
  return { items: rows.map(toApplicationView), pickupPersons: persons.get(options.studentId) ?? [] };
}
