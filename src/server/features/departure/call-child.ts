// The gate calls a child out (F-13 gate board: waiting → called → released): the person collecting is
// at the gate. The child's group teacher is told to bring the child, the guardian that the child is on
// the way (F-30 "pickup called"). Audited with who, when, from which address and device (issue 13.9),
// in the same statement as the event.
import { randomUUID } from 'node:crypto';
import { applyEvent } from '../../../domain/child-day.js';
import { auditStatement } from '../../audit.js';
import { schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { appendChildEvent, lockDayChild, refusalError } from '../../daily/child-days.js';
import { inAppNotifier, type Message } from '../../notifications.js';
import { assertChildInScope, guardianAccounts, openDepartureDay } from './departure-day.js';

export async function callChild(
  ctx: ActorContext,
  options: { schoolId: string; date: string; studentId: string; deviceId?: string | undefined },
) {
  const day = await openDepartureDay(ctx, {
    ...options,
    action: 'release.write',
    write: 'caller-checks-closure',
  });
  const { setting } = day;
  const schoolId = setting.school.schoolId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const child = await lockDayChild(tx, setting, options.studentId, 'call');
    assertChildInScope(ctx, day, child);
    const applied = applyEvent(
      child.day,
      { type: 'call', at: at.toISOString(), by: ctx.actor.userId },
      child.facts,
    );
    if (!applied.ok) throw refusalError(applied.refusal);
    const time = schoolTime(at);
    const data = { studentId: child.studentId, at: at.toISOString() };
    const messages: Message[] = [];
    if (child.teacherUserId && child.teacherUserId !== ctx.actor.userId) {
      messages.push({
        schoolId,
        userId: child.teacherUserId,
        kind: 'pickup_called',
        title: { zh: '门口叫人', en: 'Called to the gate' },
        body: {
          zh: `${child.name}（${child.groupName ?? child.className}）的接送人已在校门口（${time}），请带孩子到门口。`,
          en: `The person collecting ${child.name} (${child.groupName ?? child.className}) is at the gate (${time}); please bring the child.`,
        },
        data,
        at,
      });
    }
    const guardians = (await guardianAccounts(tx, schoolId, [child.studentId])).get(child.studentId) ?? [];
    for (const userId of guardians) {
      messages.push({
        schoolId,
        userId,
        kind: 'pickup_called',
        title: { zh: '孩子正在出来', en: 'On the way out' },
        body: {
          zh: `学校已于 ${time} 通知老师带${child.name}到校门口，请稍候。`,
          en: `At ${time} the school asked the teacher to bring ${child.name} to the gate; please wait.`,
        },
        data,
        at,
      });
    }
    await inAppNotifier.send(tx, messages);
    const eventId = randomUUID();
    const deviceId = options.deviceId ?? null;
    await appendChildEvent(
      tx,
      setting,
      child,
      { kind: 'call', eventId, at, byUser: ctx.actor.userId, deviceId },
      {
        also: {
          name: 'audit',
          statement: auditStatement(ctx.meta, {
            actorUserId: ctx.actor.userId,
            action: 'departure.call',
            objectType: 'student',
            objectId: child.studentId,
            schoolId,
            regionId: setting.school.regionId,
            at,
            details: { date: setting.date, eventId, deviceId },
          }),
        },
      },
    );
    return { eventId, studentId: child.studentId, status: 'called' as const, calledAt: data.at };
  });
}
