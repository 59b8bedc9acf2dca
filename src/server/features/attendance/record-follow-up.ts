import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { childDayEvents } from '../../../db/schema.js';
import { applyEvent } from '../../../domain/child-day.js';
import type { IsoDate } from '../../../domain/dates.js';
import type { ActorContext } from '../../context.js';
import { appendChildEvent, loadDayChildren, lockChildDays, refusalError } from '../../daily/child-days.js';
import { checkTimes, inScope, loadDayAccess, notInService } from './day-access.js';
import { childViews } from './get-roll-call.js';
import type { FollowUpBody, FollowUpResult } from './schemas.js';

// F-12 (A 三.5 未到时及时了解情况并做好记录): the teacher records whom they reached about an absent
// child, when, what they learned and the reason; it closes the follow-up, escalated or not. Still
// accepted after the day is closed (the record is late, not wrong). A replay with the same `id` is
// answered with the stored record.
export async function recordFollowUp(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate; studentId: string; body: FollowUpBody },
): Promise<FollowUpResult> {
  const access = await loadDayAccess(ctx, { ...options, action: 'followup.record' });
  const { setting } = access;
  const schoolId = setting.school.schoolId;
  const [at] = checkTimes(ctx, setting.date, [{ path: 'body.at', at: options.body.at }]);
  const eventId = options.body.id ?? randomUUID();

  return ctx.db.transaction(async (tx) => {
    await lockChildDays(tx, schoolId, setting.date, [options.studentId]);
    const [child] = await loadDayChildren(tx, setting, { studentIds: [options.studentId] });
    if (!child || !inScope(access, ctx.actor.userId, child)) throw notInService();
    const view = async () => {
      const [fresh] = await loadDayChildren(tx, setting, { studentIds: [options.studentId] });
      const [v] = await childViews(tx, schoolId, fresh ? [fresh] : [], false, {
        limitMinutes: setting.policy.absenceFollowUpLimitMinutes,
      });
      if (!v?.followUp) throw notInService();
      return v.followUp;
    };
    const [stored] = await tx
      .select({ studentId: childDayEvents.studentId })
      .from(childDayEvents)
      .where(and(eq(childDayEvents.schoolId, schoolId), eq(childDayEvents.eventId, eventId)));
    if (stored) {
      return { studentId: options.studentId, eventId, duplicate: true, followUp: await view() };
    }
    const outcome = applyEvent(
      child.day,
      {
        type: 'contact',
        at: (at as Date).toISOString(),
        by: ctx.actor.userId,
        result: options.body.result,
        reason: options.body.reason,
      },
      child.facts,
    );
    if (!outcome.ok) throw refusalError(outcome.refusal);
    await appendChildEvent(
      tx,
      setting,
      child,
      {
        eventId,
        kind: 'contact',
        contactPerson: options.body.contactPerson,
        result: options.body.result,
        reason: options.body.reason,
        at: at as Date,
        recordedAt: ctx.clock.now(),
        byUser: ctx.actor.userId,
      },
      // Still accepted after the day is closed (the record is late, not wrong).
      { whenClosed: 'append' },
    );
    return { studentId: child.studentId, eventId, duplicate: false, followUp: await view() };
  });
}
