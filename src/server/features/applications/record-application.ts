// Writes one application with the consent it rests on (B 四(一) 自愿参加, 家长提出书面申请) and the
// pickup persons the guardian named, in the caller's transaction. Used by the online form and by the
// school office for a paper form; the checks are done before (domain/enrollment.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { applications, consents, pickupPersons } from '../../../db/schema.js';
import type { CheckedApplication } from '../../../domain/enrollment.js';
import type { RequestMeta } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import type { ApplicationRow } from './application-setting.js';

export type ConsentRow = typeof consents.$inferSelect;

export interface ApplicationRecord {
  schoolId: string;
  termId: string;
  planId: string;
  noticeVersion: number;
  studentId: string;
  application: CheckedApplication;
  // Who typed it in: the guardian online, the school admin for a paper form.
  recordedBy: string;
  at: Date;
  consent:
    | { source: 'online'; guardianUserId: string; guardianName: string; meta: RequestMeta }
    | { source: 'paper'; guardianName: string; formDate: Date; scanFileId: string };
}

export async function recordApplication(
  tx: Pick<Db, 'insert' | 'select'>,
  input: ApplicationRecord,
): Promise<{ application: ApplicationRow; consent: ConsentRow }> {
  const { application: a, consent: c } = input;
  let application: ApplicationRow | undefined;
  try {
    [application] = await tx
      .insert(applications)
      .values({
        schoolId: input.schoolId,
        termId: input.termId,
        planId: input.planId,
        studentId: input.studentId,
        status: 'submitted',
        source: c.source,
        weekdays: a.weekdays,
        departureBatch: a.departureBatch,
        extendedCustody: a.extendedCustody,
        extendedCustodyReason: a.extendedCustodyReason,
        mayLeaveAlone: a.mayLeaveAlone,
        submittedBy: input.recordedBy,
        submittedAt: input.at,
      })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error, 'applications_live_key')) throw new AppError('APPLICATION_EXISTS');
    throw error;
  }
  if (!application) throw new Error('application insert returned nothing');
  const [consent] = await tx
    .insert(consents)
    .values({
      schoolId: input.schoolId,
      applicationId: application.applicationId,
      source: c.source,
      guardianUserId: c.source === 'online' ? c.guardianUserId : null,
      guardianName: c.guardianName,
      givenAt: c.source === 'online' ? input.at : c.formDate,
      planId: input.planId,
      noticeVersion: input.noticeVersion,
      scanFileId: c.source === 'paper' ? c.scanFileId : null,
      recordedBy: input.recordedBy,
      recordedAt: input.at,
      ip: c.source === 'online' ? c.meta.ip : null,
      userAgent: c.source === 'online' ? (c.meta.userAgent?.slice(0, 400) ?? null) : null,
    })
    .returning();
  if (!consent) throw new Error('consent insert returned nothing');
  // Pickup persons belong to the child, not the application: one already listed (same mobile) is kept.
  const current = await tx
    .select({ phone: pickupPersons.phone })
    .from(pickupPersons)
    .where(
      and(
        eq(pickupPersons.schoolId, input.schoolId),
        eq(pickupPersons.studentId, input.studentId),
        isNull(pickupPersons.removedAt),
      ),
    );
  const known = new Set(current.map((p) => p.phone));
  const fresh = a.pickupPersons.filter((p) => !known.has(p.phone));
  if (fresh.length > 0) {
    await tx.insert(pickupPersons).values(
      fresh.map((p) => ({
        schoolId: input.schoolId,
        studentId: input.studentId,
        name: p.name,
        relation: p.relation,
        phone: p.phone,
        createdBy: input.recordedBy,
        createdAt: input.at,
      })),
    );
  }
  return { application, consent };
}
