import { and, eq, isNull } from 'drizzle-orm';
import { applications, enrollments } from '../../../db/schema.js';
import { nextStatus, withdrawalEffectiveDate } from '../../../domain/enrollment.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import { loadApplication, loadTermNotice, termServiceDays, wrongStatus } from './application-setting.js';

// B 四(一) 自愿参加: the guardian withdraws at any time, no reason asked; the school admin may record a
// withdrawal the guardian asked for in person. An enrollment ends from the next service day after
// today (`withdrawn_from`). Group memberships stay as rows (groups are per weekday for the whole
// term); the roster and grouping read an enrollment as ended from `withdrawn_from`.
export async function withdrawApplication(
  ctx: ActorContext,
  options: { schoolId: string; applicationId: string },
): Promise<{ applicationId: string; withdrawnFrom: string | null }> {
  const found = await loadApplication(ctx.db, options.schoolId, options.applicationId);
  const notice = await loadTermNotice(ctx.db, options.schoolId, found.termId);
  authorize(ctx.actor, 'application.withdraw', {
    regionPath: notice.school.regionPath,
    schoolId: options.schoolId,
    studentId: found.studentId,
  });
  const now = ctx.clock.now();
  const effective = withdrawalEffectiveDate({
    today: schoolDate(now),
    serviceDays: await termServiceDays(ctx.db, notice),
  });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.schoolId, options.schoolId),
          eq(applications.applicationId, options.applicationId),
        ),
      )
      .for('update');
    if (!row || nextStatus(row.status, 'withdraw') === null) throw wrongStatus(row?.status ?? 'withdrawn');
    await tx
      .update(applications)
      .set({ status: 'withdrawn', withdrawnBy: ctx.actor.userId, withdrawnAt: now })
      .where(
        and(
          eq(applications.schoolId, options.schoolId),
          eq(applications.applicationId, options.applicationId),
        ),
      );
    const ended = await tx
      .update(enrollments)
      .set({ withdrawnFrom: effective, withdrawnAt: now })
      .where(
        and(
          eq(enrollments.schoolId, options.schoolId),
          eq(enrollments.applicationId, options.applicationId),
          isNull(enrollments.withdrawnAt),
        ),
      )
      .returning({ enrollmentId: enrollments.enrollmentId });
    const withdrawnFrom = ended.length > 0 ? effective : null;
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'application.withdraw',
      objectType: 'application',
      objectId: options.applicationId,
      schoolId: options.schoolId,
      regionId: notice.school.regionId,
      at: now,
      details: { studentId: row.studentId, previousStatus: row.status, withdrawnFrom },
    });
    return { applicationId: options.applicationId, withdrawnFrom };
  });
}
