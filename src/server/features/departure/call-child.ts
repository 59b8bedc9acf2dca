// The gate calls a child out (F-13 gate board: waiting → called → released): the person collecting is
// at the gate. The child's group teacher is told to bring the child, the guardian that the child is on
// the way (F-30 "pickup called").
import { childDayEvents } from '../../../db/schema.js';
import { applyEvent } from '../../../domain/child-day.js';
import { schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadDayChild, notifyDayChange, refusalError } from '../../daily/child-days.js';
import { assertDayOpen } from '../../daily/service-day.js';
import { inAppNotifier, type Message } from '../../notifications.js';
import { assertChildInScope, guardianAccounts, lockChildDay, openDepartureDay } from './departure-day.js';

export async function callChild(
  ctx: ActorContext,
  options: { schoolId: string; date: string; studentId: string; deviceId?: string | undefined },
) {
  const day = await openDepartureDay(ctx, { ...options, action: 'release.write', write: 'transaction' });
  const { setting } = day;
  const schoolId = setting.school.schoolId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await assertDayOpen(tx, setting.school.schoolId, setting.date);
    await lockChildDay(tx, setting, options.studentId);
    const child = await loadDayChild(tx, setting, options.studentId);
    assertChildInScope(ctx, day, child);
    const applied = applyEvent(
      child.day,
      { type: 'call', at: at.toISOString(), by: ctx.actor.userId },
      child.facts,
    );
    if (!applied.ok) throw refusalError(applied.refusal);
    const [row] = await tx
      .insert(childDayEvents)
      .values({
        schoolId,
        serviceDate: setting.date,
        studentId: child.studentId,
        enrollmentId: child.enrollmentId,
        kind: 'call',
        groupId: child.groupId,
        at,
        byUser: ctx.actor.userId,
        deviceId: options.deviceId ?? null,
      })
      .returning({ eventId: childDayEvents.eventId });
    if (!row) throw new Error('call not stored');
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
      });
    }
    await inAppNotifier.send(tx, messages);
    await notifyDayChange(tx, { schoolId, date: setting.date, studentIds: [child.studentId], kind: 'call' });
    return { eventId: row.eventId, studentId: child.studentId, status: 'called' as const, calledAt: data.at };
  });
}
