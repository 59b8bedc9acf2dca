// Extended custody (F-14, C 学校对有特殊需要的学生，应提供延时托管服务): a child stays with a named staff
// member — by the recorded need, or because nobody came by the end time plus the policy's
// `pickupGraceMinutes`. Staff place a child by hand here; `custody-job.ts` moves the uncollected ones.
// One custody per child and day (`child_day_events_custody_key`). Every custody is audited (issue
// 13.9) in the same statement as its event: by the staff member who placed the child, or by the
// system for the job.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { serviceGroups, staff } from '../../../db/schema.js';
import { applyEvent, dueForCustody } from '../../../domain/child-day.js';
import { auditStatement } from '../../audit.js';
import { schoolInstant, schoolTime } from '../../clock.js';
import type { ActorContext, RequestMeta } from '../../context.js';
import { appendChildEvent, type DayChild, lockDayChild, refusalError } from '../../daily/child-days.js';
import { dutyChiefOf, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import type { Message, Notifier } from '../../notifications.js';
import { inAppNotifier } from '../../notifications.js';
import { assertChildInScope, guardianAccounts, openDepartureDay } from './departure-day.js';

export interface CustodyStaff {
  staffId: string;
  name: string;
  userId: string | null;
}

// The end of the service that day (B 二) as an instant.
export function serviceEnd(setting: ServiceDaySetting): Date {
  return schoolInstant(setting.date, setting.endTime);
}

// Who keeps a child in custody unless someone is named: the day's duty chief (A 三.6), else the
// child's group teacher.
export async function defaultCustodian(
  db: Db,
  setting: ServiceDaySetting,
  children: readonly Pick<DayChild, 'studentId' | 'groupId'>[],
): Promise<Map<string, CustodyStaff>> {
  const result = new Map<string, CustodyStaff>();
  const chief = await dutyChiefOf(db, setting);
  if (chief) {
    for (const c of children) result.set(c.studentId, chief);
    return result;
  }
  const groupIds = [...new Set(children.flatMap((c) => (c.groupId ? [c.groupId] : [])))];
  if (groupIds.length === 0) return result;
  const teachers = await db
    .select({
      groupId: serviceGroups.groupId,
      staffId: staff.staffId,
      name: staff.name,
      userId: staff.userId,
    })
    .from(serviceGroups)
    .innerJoin(
      staff,
      and(eq(staff.schoolId, serviceGroups.schoolId), eq(staff.staffId, serviceGroups.teacherStaffId)),
    )
    .where(
      and(
        eq(serviceGroups.schoolId, setting.school.schoolId),
        inArray(serviceGroups.groupId, groupIds),
        isNull(staff.archivedAt),
      ),
    );
  const byGroup = new Map(teachers.map((t) => [t.groupId, t]));
  for (const c of children) {
    const t = c.groupId ? byGroup.get(c.groupId) : undefined;
    if (t) result.set(c.studentId, { staffId: t.staffId, name: t.name, userId: t.userId });
  }
  return result;
}

export function custodyMessages(
  schoolId: string,
  guardians: readonly string[],
  child: { studentId: string; name: string },
  custodian: CustodyStaff,
  at: Date,
  automatic: boolean,
  actorUserId: string | null,
): Message[] {
  const time = schoolTime(at);
  const data = { studentId: child.studentId, at: at.toISOString(), staffId: custodian.staffId, automatic };
  const messages: Message[] = guardians.map((userId) => ({
    schoolId,
    userId,
    kind: 'custody',
    title: { zh: '延时托管', en: 'Extended custody' },
    body: automatic
      ? {
          zh: `${child.name}到 ${time} 仍未被接走，已转入延时托管，由 ${custodian.name} 看护。请尽快来接。`,
          en: `Nobody had collected ${child.name} by ${time}: the child is now in extended custody with ${custodian.name}. Please come soon.`,
        }
      : {
          zh: `${child.name}已于 ${time} 进入延时托管，由 ${custodian.name} 看护。`,
          en: `${child.name} is in extended custody from ${time}, with ${custodian.name}.`,
        },
    data,
    at,
  }));
  if (custodian.userId && custodian.userId !== actorUserId) {
    messages.push({
      schoolId,
      userId: custodian.userId,
      kind: 'custody_assigned',
      title: { zh: '延时托管交给您', en: 'In your custody' },
      body: {
        zh: `${child.name}已于 ${time} 转入延时托管，由您看护，直至接送人到来。`,
        en: `${child.name} is in extended custody with you from ${time} until collected.`,
      },
      data,
      at,
    });
  }
  return messages;
}

// Appends the custody event with its audit record and tells the gate boards (after the caller locked
// the child's day with `lockDayChild` and checked the rule); DAY_CLOSED when the day was closed while
// the caller waited for the lock. A second custody of the child's day is refused by
// `child_day_events_custody_key`. `byUser` null: the system (the job), recorded from `SYSTEM_META`.
export async function appendCustody(
  tx: Db,
  setting: ServiceDaySetting,
  child: DayChild,
  input: {
    custodian: CustodyStaff;
    at: Date;
    automatic: boolean;
    byUser: string | null;
    meta: RequestMeta;
    deviceId?: string | null;
  },
): Promise<string> {
  const eventId = randomUUID();
  const deviceId = input.deviceId ?? null;
  await appendChildEvent(
    tx,
    setting,
    child,
    {
      kind: 'custody',
      eventId,
      staffId: input.custodian.staffId,
      automatic: input.automatic,
      at: input.at,
      byUser: input.byUser,
      deviceId,
    },
    {
      also: {
        name: 'audit',
        statement: auditStatement(input.meta, {
          actorUserId: input.byUser,
          action: 'departure.custody',
          objectType: 'student',
          objectId: child.studentId,
          schoolId: setting.school.schoolId,
          regionId: setting.school.regionId,
          at: input.at,
          details: {
            date: setting.date,
            eventId,
            staffId: input.custodian.staffId,
            staffName: input.custodian.name,
            automatic: input.automatic,
            deviceId,
          },
        }),
      },
    },
  );
  return eventId;
}

export async function placeInCustody(
  ctx: ActorContext,
  options: {
    schoolId: string;
    date: string;
    studentId: string;
    staffId?: string | undefined;
    deviceId?: string | undefined;
  },
  notifier: Notifier = inAppNotifier,
) {
  const day = await openDepartureDay(ctx, {
    ...options,
    action: 'custody.write',
    write: 'caller-checks-closure',
  });
  const { setting } = day;
  const schoolId = setting.school.schoolId;
  const at = ctx.clock.now();
  let named: CustodyStaff | null = null;
  if (options.staffId) {
    const [row] = await ctx.db
      .select({ staffId: staff.staffId, name: staff.name, userId: staff.userId })
      .from(staff)
      .where(and(eq(staff.schoolId, schoolId), eq(staff.staffId, options.staffId), isNull(staff.archivedAt)));
    if (!row) {
      throw new AppError('VALIDATION_FAILED', {
        zh: '找不到该看护人员（须为本校在职人员）',
        en: 'No such staff member at this school',
        details: { fields: [{ path: 'body.staffId', message: 'not found' }] },
      });
    }
    named = row;
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const child = await lockDayChild(tx, setting, options.studentId, 'custody');
      assertChildInScope(ctx, day, child);
      const custodian = named ?? (await defaultCustodian(tx, setting, [child])).get(child.studentId);
      if (!custodian) {
        throw new AppError('VALIDATION_FAILED', {
          zh: '当天没有值日总护导，也没有班组老师：请指定看护人员',
          en: 'There is no duty chief or group teacher today: name the staff member',
          details: { fields: [{ path: 'body.staffId', message: 'required' }] },
        });
      }
      // Without a recorded need, only once the grace after the end time has passed (C 延时托管).
      const automatic =
        !child.facts.extendedCustody &&
        dueForCustody(child.day, at, serviceEnd(setting), setting.policy.pickupGraceMinutes);
      const applied = applyEvent(
        child.day,
        { type: 'custody', staffId: custodian.staffId, at: at.toISOString(), automatic },
        child.facts,
      );
      if (!applied.ok) throw refusalError(applied.refusal);
      const guardians = (await guardianAccounts(tx, schoolId, [child.studentId])).get(child.studentId) ?? [];
      await notifier.send(
        tx,
        custodyMessages(schoolId, guardians, child, custodian, at, automatic, ctx.actor.userId),
      );
      const eventId = await appendCustody(tx, setting, child, {
        custodian,
        at,
        automatic,
        byUser: ctx.actor.userId,
        meta: ctx.meta,
        deviceId: options.deviceId ?? null,
      });
      return {
        eventId,
        studentId: child.studentId,
        status: 'in_custody' as const,
        custody: { at: at.toISOString(), staffId: custodian.staffId, staffName: custodian.name, automatic },
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'child_day_events_custody_key')) throw refusalError('already_in_custody');
    throw error;
  }
}
