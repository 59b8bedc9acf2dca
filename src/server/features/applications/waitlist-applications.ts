import { and, eq, inArray } from 'drizzle-orm';
import { applications } from '../../../db/schema.js';
import { nextStatus } from '../../../domain/enrollment.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { inAppNotifier } from '../../notifications.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { wrongStatus } from './application-setting.js';
import { guardianMessages } from './approve-applications.js';

// B 五(二) 学校审核: a submitted application the school cannot take now is waitlisted with the reason
// the guardian is told (no place in the venue, no staff for that day…). C 应托尽托: the bureau sees
// waitlisted children as a coverage gap.
export async function waitlistApplications(
  ctx: ActorContext,
  options: { schoolId: string; applicationIds: string[]; reason: string },
): Promise<{ count: number }> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'application.review', { regionPath: scope.regionPath, schoolId: scope.schoolId });
  const ids = [...new Set(options.applicationIds)];
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.schoolId, options.schoolId), inArray(applications.applicationId, ids)))
      .for('update');
    if (rows.length !== ids.length) {
      throw new AppError('NOT_FOUND', { zh: '找不到该报名申请', en: 'No such application' });
    }
    for (const row of rows) {
      if (nextStatus(row.status, 'waitlist') === null) throw wrongStatus(row.status);
    }
    await tx
      .update(applications)
      .set({
        status: 'waitlisted',
        waitlistReason: options.reason,
        decidedBy: ctx.actor.userId,
        decidedAt: now,
      })
      .where(and(eq(applications.schoolId, options.schoolId), inArray(applications.applicationId, ids)));
    for (const row of rows) {
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'application.waitlist',
        objectType: 'application',
        objectId: row.applicationId,
        schoolId: scope.schoolId,
        regionId: scope.regionId,
        at: now,
        details: { studentId: row.studentId, reason: options.reason },
      });
    }
    await inAppNotifier.send(
      tx,
      await guardianMessages(tx, options.schoolId, rows, (child, row) => ({
        kind: 'application_waitlisted',
        title: { zh: '课后服务报名进入候补', en: 'After-school application waitlisted' },
        body: {
          zh: `${child}的课后服务报名暂列候补：${options.reason}`,
          en: `${child}’s application is on the waiting list: ${options.reason}`,
        },
        data: { applicationId: row.applicationId, studentId: row.studentId },
        at: now,
      })),
    );
    return { count: rows.length };
  });
}
