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
import { seasonOf } from '../../../domain/calendar.js';
import {
  gradeIsServed,
  isLive,
  leaveAloneAllowed,
  offersExtendedCustody,
  withdrawalEffectiveDate,
} from '../../../domain/enrollment.js';
import { type RegionPolicy, type Season, seasonStartFrom } from '../../../domain/policy.js';
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
import { noticePolicy } from './notice-policy.js';

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

async function openTermOf(ctx: ActorContext, schoolId: string) {
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
  return { code: row.code, name: row.name, notice: await latestNotice(ctx.db, schoolId, row.planId) };
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

// Every child of the signed-in guardian with their latest application: the guardian home. The first
// thing a guardian sees after signing in (issue 14.10), so it asks the database a fixed number of
// rounds however many children: the children, then per school at once their latest applications,
// pickup persons and open term, and once per (school, term) of a live application its service days
// (they decide from when a withdrawal takes effect).
export async function guardianOverview(ctx: ActorContext): Promise<{ items: GuardianChildStatus[] }> {
  const children = await ownChildren(ctx);
  const today = schoolDate(ctx.clock.now());
  const bySchool = new Map<string, typeof children>();
  for (const child of children)
    bySchool.set(child.schoolId, [...(bySchool.get(child.schoolId) ?? []), child]);

  const withdrawalDates = new Map<string, Promise<string | null>>();
  const withdrawalFrom = (schoolId: string, termId: string) => {
    const key = `${schoolId}:${termId}`;
    let date = withdrawalDates.get(key);
    if (!date) {
      date = loadTermNotice(ctx.db, schoolId, termId)
        .then((notice) => termServiceDays(ctx.db, notice))
        .then((serviceDays) => withdrawalEffectiveDate({ today, serviceDays }));
      withdrawalDates.set(key, date);
    }
    return date;
  };

  const perSchool = await Promise.all(
    [...bySchool].map(async ([schoolId, own]) => {
      const ids = own.map((c) => c.studentId);
      // Scoped by construction (the guardianship rows of this user); asked all the same.
      const [rows, persons, openTerm] = await Promise.all([
        applicationQuery(ctx.db)
          .where(and(eq(applications.schoolId, schoolId), inArray(applications.studentId, ids)))
          .orderBy(desc(applications.submittedAt)),
        currentPickupPersons(ctx.db, schoolId, ids),
        openTermOf(ctx, schoolId),
      ]);
      return Promise.all(
        own.map(async (child): Promise<GuardianChildStatus> => {
          const latest = rows.find((r) => r.studentId === child.studentId);
          const application = latest ? toApplicationView(latest) : null;
          const effective =
            application && isLive(application.status)
              ? await withdrawalFrom(child.schoolId, application.termId)
              : null;
          return {
            ...child,
            application,
            withdrawalEffectiveFrom: effective,
            pickupPersons: persons.get(child.studentId) ?? [],
            openTerm: openTerm
              ? {
                  code: openTerm.code,
                  name: openTerm.name,
                  eligible: openTerm.notice ? gradeIsServed(openTerm.notice.content, child.grade) : false,
                }
              : null,
          };
        }),
      );
    }),
  );
  const items = new Map(perSchool.flat().map((item) => [`${item.schoolId}:${item.studentId}`, item]));
  // In the children's order (by name), as before.
  return { items: children.flatMap((c) => items.get(`${c.schoolId}:${c.studentId}`) ?? []) };
}

// B 二 夏令时/非夏令时: the season of today by the rule the service days follow (calendar.ts), and the
// day the other one starts.
function seasonNow(policy: RegionPolicy, today: string) {
  const current = seasonOf(today, policy.summerSeason);
  const other: Season = current === 'summer' ? 'other' : 'summer';
  return { current, other, otherFrom: seasonStartFrom(policy, other, today) };
}

// The application form reached from the public notice (/guardian/apply?school=…&term=…): the notice's
// choices and the guardian's children at that school with what they have applied for.
export async function applicationForm(ctx: ActorContext, options: { schoolCode: string; termCode: string }) {
  const school = await findSchoolByCode(ctx.db, options.schoolCode);
  const term = school ? await termOfSchoolByCode(ctx.db, school.regionPath, options.termCode) : null;
  if (!school || !term) throw new AppError('NOTICE_NOT_PUBLISHED');
  const notice = await loadTermNotice(ctx.db, school.schoolId, term.termId);
  const [children, policy] = await Promise.all([
    ownChildren(ctx, school.schoolId),
    noticePolicy(ctx.db, notice),
  ]);
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
    // B 二 夏令时/非夏令时: the season in force today (the service days' rule, calendar.ts), so that the
    // form offers that season's batches and explains the other's from its first day.
    season: seasonNow(policy, schoolDate(ctx.clock.now())),
    // The region's lowest grade that may leave alone (RegionPolicy.leaveAloneMinGrade).
    leaveAlone: { minGrade: policy.leaveAloneMinGrade },
    children: children.map((c) => {
      const latest = rows.find((r) => r.studentId === c.studentId);
      return {
        studentId: c.studentId,
        name: c.name,
        grade: c.grade,
        className: c.className,
        eligible: gradeIsServed(notice.content, c.grade),
        mayLeaveAlone: leaveAloneAllowed(c.grade, policy.leaveAloneMinGrade),
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
