// How an application reads: its choices, the child, the consent it rests on and the enrollment it
// became. One shape for the guardian's status page and the school's review table.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import {
  applications,
  classes,
  consents,
  enrollments,
  pickupPersons,
  students,
  terms,
} from '../../../db/schema.js';

export interface ApplicationView {
  id: string;
  schoolId: string;
  termId: string;
  termName: string;
  status: 'submitted' | 'approved' | 'waitlisted' | 'withdrawn';
  source: 'online' | 'paper';
  student: { id: string; name: string; studentNo: string; grade: number; className: string };
  weekdays: number[];
  departureBatch: string;
  extendedCustody: boolean;
  extendedCustodyReason: string | null;
  mayLeaveAlone: boolean;
  submittedAt: string;
  decidedAt: string | null;
  waitlistReason: string | null;
  withdrawnAt: string | null;
  consent: {
    guardianName: string;
    givenAt: string;
    noticeVersion: number;
    hasScan: boolean;
  } | null;
  enrollment: { startsOn: string; withdrawnFrom: string | null } | null;
}

export const applicationColumns = {
  id: applications.applicationId,
  schoolId: applications.schoolId,
  termId: applications.termId,
  termName: terms.name,
  status: applications.status,
  source: applications.source,
  studentId: students.studentId,
  studentName: students.name,
  studentNo: students.studentNo,
  grade: classes.grade,
  className: classes.name,
  weekdays: applications.weekdays,
  departureBatch: applications.departureBatch,
  extendedCustody: applications.extendedCustody,
  extendedCustodyReason: applications.extendedCustodyReason,
  mayLeaveAlone: applications.mayLeaveAlone,
  submittedAt: applications.submittedAt,
  decidedAt: applications.decidedAt,
  waitlistReason: applications.waitlistReason,
  withdrawnAt: applications.withdrawnAt,
  guardianName: consents.guardianName,
  givenAt: consents.givenAt,
  noticeVersion: consents.noticeVersion,
  scanFileId: consents.scanFileId,
  startsOn: enrollments.startsOn,
  withdrawnFrom: enrollments.withdrawnFrom,
};

// The joins every application query uses.
export function applicationQuery(db: Db) {
  return db
    .select(applicationColumns)
    .from(applications)
    .innerJoin(terms, eq(terms.termId, applications.termId))
    .innerJoin(
      students,
      and(eq(students.schoolId, applications.schoolId), eq(students.studentId, applications.studentId)),
    )
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .leftJoin(
      consents,
      and(
        eq(consents.schoolId, applications.schoolId),
        eq(consents.applicationId, applications.applicationId),
      ),
    )
    .leftJoin(
      enrollments,
      and(
        eq(enrollments.schoolId, applications.schoolId),
        eq(enrollments.applicationId, applications.applicationId),
      ),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof applicationQuery>['execute']>>[number];

export function toApplicationView(r: Row): ApplicationView {
  return {
    id: r.id,
    schoolId: r.schoolId,
    termId: r.termId,
    termName: r.termName,
    status: r.status,
    source: r.source,
    student: {
      id: r.studentId,
      name: r.studentName,
      studentNo: r.studentNo,
      grade: r.grade,
      className: r.className,
    },
    weekdays: r.weekdays,
    departureBatch: r.departureBatch,
    extendedCustody: r.extendedCustody,
    extendedCustodyReason: r.extendedCustodyReason,
    mayLeaveAlone: r.mayLeaveAlone,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    waitlistReason: r.waitlistReason,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    consent:
      r.guardianName !== null && r.givenAt !== null && r.noticeVersion !== null
        ? {
            guardianName: r.guardianName,
            givenAt: r.givenAt.toISOString(),
            noticeVersion: r.noticeVersion,
            hasScan: r.scanFileId !== null,
          }
        : null,
    enrollment: r.startsOn !== null ? { startsOn: r.startsOn, withdrawnFrom: r.withdrawnFrom } : null,
  };
}

export async function applicationView(db: Db, schoolId: string, applicationId: string) {
  const [row] = await applicationQuery(db).where(
    and(eq(applications.schoolId, schoolId), eq(applications.applicationId, applicationId)),
  );
  if (!row) throw new Error('application vanished');
  return toApplicationView(row);
}

export interface PickupPersonView {
  id: string;
  name: string;
  relation: string;
  phone: string;
  hasPhoto: boolean;
}

export async function currentPickupPersons(
  db: Db,
  schoolId: string,
  studentIds: readonly string[],
): Promise<Map<string, PickupPersonView[]>> {
  const out = new Map<string, PickupPersonView[]>();
  if (studentIds.length === 0) return out;
  const rows = await db
    .select()
    .from(pickupPersons)
    .where(
      and(
        eq(pickupPersons.schoolId, schoolId),
        inArray(pickupPersons.studentId, [...studentIds]),
        isNull(pickupPersons.removedAt),
      ),
    )
    .orderBy(asc(pickupPersons.createdAt), asc(pickupPersons.name));
  for (const p of rows) {
    const list = out.get(p.studentId) ?? [];
    list.push({
      id: p.personId,
      name: p.name,
      relation: p.relation,
      phone: p.phone,
      hasPhoto: p.photoFileId !== null,
    });
    out.set(p.studentId, list);
  }
  return out;
}
