// C 延时托管 (学校对有特殊需要的学生，应提供延时托管服务) at the end of the service, in one action: the duty
// chief (or the school office) hands every child still in care — present or called to the gate, not
// released, not in custody — to one named staff member, then releases them at the gate as their
// guardians arrive (F-14), and closes the day once nobody is left (F-16). Without it a day with 100
// children still in school could close only after 100 releases.
//
// All or nothing, in one transaction: the day's and every child's locks (`lockDayWrite`, as every
// writer of a child's day takes them), the children read under them, one custody event per child
// through the custody job's own storage (`appendCustody`: the event, its audit record as the actor's
// and the gate boards told) and the guardians' and the custodian's messages. Repeated, it finds nobody
// left to move and changes nothing. Refused before the end time (the batches are still leaving), on a
// day the duty chief has closed, and for a staff member who may not be put in charge (not of the
// school, archived, or without a responsibility letter in force that day, A 三.1).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { responsibilityLetters, staff } from '../../../db/schema.js';
import { endOfServiceCustody } from '../../../domain/child-day.js';
import { chineseDate, type IsoDate } from '../../../domain/dates.js';
import { letterCovers } from '../../../domain/staff.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadDayChildren, lockDayWrite } from '../../daily/child-days.js';
import { dutyChiefOf, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import type { Notifier } from '../../notifications.js';
import { inAppNotifier } from '../../notifications.js';
import { appendCustody, type CustodyStaff, custodyMessages, serviceEnd } from '../departure/custody.js';
import { guardianAccounts, openDepartureDay } from '../departure/departure-day.js';
import type { EndCustodyBody, EndCustodyResult } from './schemas.js';

export interface CustodianOption {
  staffId: string;
  name: string;
}

// The staff who may keep children in custody that day: the school's people, not archived, with a
// responsibility letter covering the day (A 三.1 岗位责任书; F-09), by name.
export async function custodianOptions(db: Db, schoolId: string, date: IsoDate): Promise<CustodianOption[]> {
  const rows = await db
    .select({
      staffId: staff.staffId,
      name: staff.name,
      signedOn: responsibilityLetters.signedOn,
      validUntil: responsibilityLetters.validUntil,
    })
    .from(staff)
    .innerJoin(
      responsibilityLetters,
      and(
        eq(responsibilityLetters.schoolId, staff.schoolId),
        eq(responsibilityLetters.staffId, staff.staffId),
      ),
    )
    .where(and(eq(staff.schoolId, schoolId), isNull(staff.archivedAt)));
  const options = new Map<string, CustodianOption>();
  for (const r of rows) {
    if (letterCovers(r, date)) options.set(r.staffId, { staffId: r.staffId, name: r.name });
  }
  return [...options.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

// Whom the page proposes: the day's duty chief on the rota (A 三.6: the duty chief keeps the children
// not collected, as the automatic move does), when they may be put in charge.
export async function defaultCustodianId(
  db: Db,
  setting: ServiceDaySetting,
  options: readonly CustodianOption[],
): Promise<string | null> {
  const chief = await dutyChiefOf(db, setting);
  return chief && options.some((o) => o.staffId === chief.staffId) ? chief.staffId : null;
}

export async function moveAllToCustody(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate; body: EndCustodyBody },
  notifier: Notifier = inAppNotifier,
): Promise<EndCustodyResult> {
  const { setting } = await openDepartureDay(ctx, {
    schoolId: options.schoolId,
    date: options.date,
    action: 'custody.end_of_service',
    write: 'caller-checks-closure',
  });
  const schoolId = setting.school.schoolId;
  const now = ctx.clock.now();
  const end = serviceEnd(setting);
  if (now.getTime() < end.getTime()) {
    throw new AppError('SERVICE_NOT_ENDED', {
      zh: `课后服务 ${setting.endTime} 结束，之后才能把仍在校的学生转入延时托管`,
      en: `The service ends at ${setting.endTime}; children still in school can be moved to extended custody from then on`,
      details: { endTime: setting.endTime },
    });
  }
  const eligible = await custodianOptions(ctx.db, schoolId, setting.date);
  const chosen = eligible.find((o) => o.staffId === options.body.staffId);
  if (!chosen) {
    throw new AppError('VALIDATION_FAILED', {
      zh: `请选择本校在职、${chineseDate(setting.date)}有岗位责任书的看护人员`,
      en: `Choose a staff member of the school with a responsibility letter in force on ${setting.date}`,
      details: { fields: [{ path: 'body.staffId', message: 'not assignable' }] },
    });
  }
  return ctx.db.transaction(async (tx) => {
    // Every child of the day locked first, then read under the locks: a release at the gate a moment
    // ago is seen, and one a moment later waits for this to commit (and then refuses nothing: the
    // child in custody is released as any other, F-14).
    const all = await loadDayChildren(tx, setting);
    const { closed } = await lockDayWrite(
      tx,
      schoolId,
      setting.date,
      all.map((c) => c.studentId),
    );
    if (closed) throw new AppError('DAY_CLOSED');
    // Read again under the locks (only the children locked: the day's enrollments do not change
    // within the day, but a write is never made without its child's lock).
    const locked = new Set(all.map((c) => c.studentId));
    const children = (await loadDayChildren(tx, setting)).filter((c) => locked.has(c.studentId));
    const decision = endOfServiceCustody(children, now, end);
    if (!decision.ok) throw new AppError('SERVICE_NOT_ENDED');
    const [row] = await tx
      .select({ staffId: staff.staffId, name: staff.name, userId: staff.userId })
      .from(staff)
      .where(and(eq(staff.schoolId, schoolId), eq(staff.staffId, chosen.staffId)));
    if (!row) throw new AppError('NOT_FOUND');
    const custodian: CustodyStaff = row;
    const guardians = await guardianAccounts(
      tx,
      schoolId,
      decision.due.map((c) => c.studentId),
    );
    // Without a recorded need the child stays because nobody collected them by the end time: the
    // custody event says so (`automatic`, as the automatic move's), with the actor as its author.
    const moves = decision.due.map((child) => ({ child, automatic: !child.facts.extendedCustody }));
    await notifier.send(
      tx,
      moves.flatMap(({ child, automatic }) =>
        custodyMessages(
          schoolId,
          guardians.get(child.studentId) ?? [],
          child,
          custodian,
          now,
          automatic,
          ctx.actor.userId,
        ),
      ),
    );
    for (const { child, automatic } of moves) {
      await appendCustody(tx, setting, child, {
        custodian,
        at: now,
        automatic,
        byUser: ctx.actor.userId,
        meta: ctx.meta,
      });
    }
    const inCustody = children.filter((c) => c.day.custody && !c.day.release).length + decision.due.length;
    return { moved: decision.due.length, inCustody, custodian: chosen };
  });
}

// Whether the page offers the action: the day is today and its service has ended at `now`.
export function endCustodyOffered(setting: ServiceDaySetting, now: Date): boolean {
  return schoolDate(now) === setting.date && now.getTime() >= serviceEnd(setting).getTime();
}
