import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema.js';
import type { ApplicationInput } from '../../../domain/enrollment.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import type { Actor } from '../../policies/policy.js';
import { loadChild, loadTermNotice } from './application-setting.js';
import { checkAgainstNotice } from './check-application.js';
import { noticePolicy } from './notice-policy.js';
import { recordApplication } from './record-application.js';

export function isGuardianOf(actor: Actor, schoolId: string, studentId: string): boolean {
  return actor.memberships.some(
    (m) => m.role === 'guardian' && m.schoolId === schoolId && (m.childIds ?? []).includes(studentId),
  );
}

// F-06 自愿报名 online (B 四(一), B 五(二)): the guardian applies for their own child, agreeing to the
// notice version they read. The consent stores who, when and that version.
export async function submitApplication(
  ctx: ActorContext,
  options: {
    schoolId: string;
    studentId: string;
    termId: string;
    noticeVersion: number;
    consent: true;
  } & ApplicationInput,
) {
  const notice = await loadTermNotice(ctx.db, options.schoolId, options.termId);
  authorize(ctx.actor, 'application.create', {
    regionPath: notice.school.regionPath,
    schoolId: options.schoolId,
    studentId: options.studentId,
  });
  // Online consent is the guardian's own; the school office records a paper form instead.
  if (!isGuardianOf(ctx.actor, options.schoolId, options.studentId)) {
    throw new AppError('FORBIDDEN', {
      zh: '网上报名须由孩子的家长本人提交；学校代录请使用“录入纸质申请”',
      en: 'Only the child’s guardian applies online; the school records a paper form instead',
    });
  }
  const child = await loadChild(ctx.db, options.schoolId, options.studentId);
  const policy = await noticePolicy(ctx.db, notice);
  const checked = checkAgainstNotice(notice, child, options.noticeVersion, options, policy);
  const [guardian] = await ctx.db
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, ctx.actor.userId));
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const recorded = await recordApplication(tx, {
      schoolId: options.schoolId,
      termId: options.termId,
      planId: notice.planId,
      noticeVersion: notice.version,
      studentId: options.studentId,
      application: checked,
      recordedBy: ctx.actor.userId,
      at: now,
      consent: {
        source: 'online',
        guardianUserId: ctx.actor.userId,
        guardianName: guardian?.name ?? '',
        meta: ctx.meta,
      },
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'application.submit',
      objectType: 'application',
      objectId: recorded.application.applicationId,
      schoolId: options.schoolId,
      regionId: notice.school.regionId,
      at: now,
      details: {
        studentId: options.studentId,
        termId: options.termId,
        noticeVersion: notice.version,
        consentId: recorded.consent.consentId,
      },
    });
    return recorded.application;
  });
}
