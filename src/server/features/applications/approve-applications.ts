import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { applications, consents, enrollments, guardianships, students } from '../../../db/schema.js';
import { chineseDate } from '../../../domain/dates.js';
import { enrollmentStartDate, nextStatus } from '../../../domain/enrollment.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { inAppNotifier, type Message } from '../../notifications.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { type ApplicationRow, loadTermNotice, termServiceDays, wrongStatus } from './application-setting.js';
import type { ConsentRow } from './record-application.js';

type Tx = Pick<Db, 'insert'>;

// The one place an enrollment is created (A 三.5 课后看护学生名册): from an approved application and
// the guardian's consent it rests on (B 四(一) 自愿参加). The table requires the consent too
// (`consent_id` NOT NULL, foreign key); this function is the only code that inserts into it, which a
// test checks by reading the sources.
async function enrollApproved(
  tx: Tx,
  input: { application: ApplicationRow; consent: ConsentRow; startsOn: string },
): Promise<string> {
  const { application: a, consent } = input;
  if (consent.applicationId !== a.applicationId || consent.schoolId !== a.schoolId) {
    throw new Error('the consent is not the application’s');
  }
  try {
    const [row] = await tx
      .insert(enrollments)
      .values({
        schoolId: a.schoolId,
        termId: a.termId,
        studentId: a.studentId,
        applicationId: a.applicationId,
        consentId: consent.consentId,
        weekdays: a.weekdays,
        departureBatch: a.departureBatch,
        extendedCustody: a.extendedCustody,
        extendedCustodyReason: a.extendedCustodyReason,
        mayLeaveAlone: a.mayLeaveAlone,
        startsOn: input.startsOn,
      })
      .returning({ enrollmentId: enrollments.enrollmentId });
    if (!row) throw new Error('enrollment insert returned nothing');
    return row.enrollmentId;
  } catch (error) {
    if (isUniqueViolation(error, 'enrollments_live_key')) {
      throw new AppError('APPLICATION_EXISTS', {
        zh: '该学生本学期已在册，不能重复录取',
        en: 'The child is already enrolled for this term',
      });
    }
    throw error;
  }
}

export interface ApprovedEnrollment {
  applicationId: string;
  enrollmentId: string;
  startsOn: string;
}

// B 五(二) 学校审核: the school admin approves submitted or waitlisted applications, one or many. Each
// becomes an enrollment from the first service day after today and not before the term's unified
// start date (B 六(五)); the guardians are told in their message centre. All or nothing.
export async function approveApplications(
  ctx: ActorContext,
  options: { schoolId: string; applicationIds: string[] },
): Promise<{ items: ApprovedEnrollment[] }> {
  // Permission first: nothing of the school is read for someone who may not review it.
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'application.review', { regionPath: scope.regionPath, schoolId: scope.schoolId });
  const ids = [...new Set(options.applicationIds)];
  const now = ctx.clock.now();
  const today = schoolDate(now);
  const result = await ctx.db.transaction(async (tx) => {
    // Locked, so that two admins approving at once cannot enroll a child twice.
    const rows = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.schoolId, options.schoolId), inArray(applications.applicationId, ids)))
      .for('update');
    if (rows.length !== ids.length) {
      throw new AppError('NOT_FOUND', { zh: '找不到该报名申请', en: 'No such application' });
    }
    const termIds = [...new Set(rows.map((r) => r.termId))];
    const notices = new Map<string, Awaited<ReturnType<typeof loadTermNotice>>>();
    const startsOn = new Map<string, string>();
    for (const termId of termIds) {
      const notice = await loadTermNotice(tx, options.schoolId, termId);
      notices.set(termId, notice);
      const start = enrollmentStartDate({
        approvedOn: today,
        unifiedStartDate: notice.term.unifiedStartDate,
        serviceDays: await termServiceDays(tx, notice),
      });
      if (!start) throw new AppError('NO_SERVICE_DAYS_LEFT');
      startsOn.set(termId, start);
    }
    for (const row of rows) {
      if (nextStatus(row.status, 'approve') === null) throw wrongStatus(row.status);
    }
    const consentRows = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.schoolId, options.schoolId), inArray(consents.applicationId, ids)));
    const consentOf = new Map(consentRows.map((c) => [c.applicationId, c]));
    await tx
      .update(applications)
      .set({ status: 'approved', decidedBy: ctx.actor.userId, decidedAt: now })
      .where(and(eq(applications.schoolId, options.schoolId), inArray(applications.applicationId, ids)));
    const items: ApprovedEnrollment[] = [];
    for (const row of rows) {
      const consent = consentOf.get(row.applicationId);
      // Every application is written with its consent (record-application.ts); without one there is
      // nothing to enroll on.
      if (!consent) throw new Error(`application ${row.applicationId} has no consent`);
      const start = startsOn.get(row.termId) as string;
      const enrollmentId = await enrollApproved(tx, { application: row, consent, startsOn: start });
      items.push({ applicationId: row.applicationId, enrollmentId, startsOn: start });
      const notice = notices.get(row.termId);
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'application.approve',
        objectType: 'application',
        objectId: row.applicationId,
        schoolId: options.schoolId,
        regionId: notice?.school.regionId ?? null,
        at: now,
        details: { studentId: row.studentId, enrollmentId, startsOn: start, consentId: consent.consentId },
      });
    }
    await inAppNotifier.send(
      tx,
      await guardianMessages(tx, options.schoolId, rows, (child, row) => {
        const start = startsOn.get(row.termId) as string;
        return {
          kind: 'application_approved',
          title: { zh: '课后服务报名已通过', en: 'After-school application approved' },
          body: {
            zh: `${child}的课后服务报名已通过审核，自 ${chineseDate(start)} 起参加。`,
            en: `${child}’s application has been approved; the service starts on ${start}.`,
          },
          data: { applicationId: row.applicationId, studentId: row.studentId, startsOn: start },
          at: now,
        };
      }),
    );
    return items;
  });
  return { items: result };
}

// One message per guardian of each child (all the child's guardians: a paper form names no account).
export async function guardianMessages(
  tx: Pick<Db, 'select'>,
  schoolId: string,
  rows: readonly ApplicationRow[],
  make: (childName: string, row: ApplicationRow) => Omit<Message, 'schoolId' | 'userId'>,
): Promise<Message[]> {
  if (rows.length === 0) return [];
  const links = await tx
    .select({ studentId: guardianships.studentId, userId: guardianships.userId, name: students.name })
    .from(guardianships)
    .innerJoin(
      students,
      and(eq(students.schoolId, guardianships.schoolId), eq(students.studentId, guardianships.studentId)),
    )
    .where(
      and(
        eq(guardianships.schoolId, schoolId),
        inArray(
          guardianships.studentId,
          rows.map((r) => r.studentId),
        ),
      ),
    );
  const messages: Message[] = [];
  for (const row of rows) {
    for (const link of links.filter((l) => l.studentId === row.studentId)) {
      messages.push({ schoolId, userId: link.userId, ...make(link.name, row) });
    }
  }
  return messages;
}
