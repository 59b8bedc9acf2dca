// F-16 End-of-day reconciliation (A 三.6 值日总护导认真、如实记录学生看护期间的状况): the duty chief sees
// every enrolled child's state for the day — marks with their history, the absence follow-up, the
// release (when, to whom, by whom, how), extended custody — with the day's figures per status and per
// group, the handovers (F-15) and the visitors still inside (F-17). Where each child stands is decided
// at the request's moment (`standingOf`, src/domain/child-day.ts): children in a group during the
// service are in school, not unknown; unknown (去向未明) is only a child whose state nobody knows. The
// day closes once every child is accounted for (`dayCloseProblems`, the same classification): children
// in extended custody do not hold it up — a named staff member has them (C 延时托管), and the gate
// releases them after the close (`writableAfterClose`). The closure keeps the figures as they were,
// with the children then in custody per staff member; from then on nothing else of the day changes.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { dayClosures, pickupPersons, staff, users } from '../../../db/schema.js';
import {
  type CloseBlockingStanding,
  type DayMoment,
  dayCloseProblems,
  isUnknown,
  standingOf,
} from '../../../domain/child-day.js';
import { chineseDate, type IsoDate } from '../../../domain/dates.js';
import {
  custodyByStaff,
  type DayCounts,
  dayCounts,
  type StoredDaySummary,
} from '../../../domain/day-close.js';
import { recordAudit } from '../../audit.js';
import { schoolDate, schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { type DayChild, loadDayChildren } from '../../daily/child-days.js';
import { dayClosure, dayLockKey, dutyChiefOf } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import { loadVisits } from '../gate-visits/use-cases.js';
import { type DayGroup, dayGroups, listHandovers, openServiceDay } from '../handover/use-cases.js';
import { dayMoment } from './day-moment.js';
import { custodianOptions, defaultCustodianId, endCustodyOffered } from './end-custody.js';
import type { CloseDayBody, DayChildView, DayView } from './schemas.js';

// Why a child keeps the day open, in the close's refusal.
export const OPEN_STANDING_TEXT: Record<CloseBlockingStanding, { zh: string; en: string }> = {
  awaiting_roll_call: { zh: '尚未点名', en: 'not marked yet' },
  in_school: { zh: '在校待离校', en: 'in school, to be released' },
  no_mark: { zh: '点名时间已过仍未点名', en: 'not marked after the roll-call time' },
  absence_not_followed_up: { zh: '缺席未跟进（未联系家长）', en: 'absent, guardian not reached yet' },
  no_custody_decision: {
    zh: '服务已结束仍在校，未转入延时托管',
    en: 'still in school after the end time, not placed in custody',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function namesOf(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// The names of the staff members keeping children in custody, as the close records them.
async function custodianNames(db: Db, schoolId: string, staffIds: string[]): Promise<Map<string, string>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .select({ id: staff.staffId, name: staff.name })
    .from(staff)
    .where(and(eq(staff.schoolId, schoolId), inArray(staff.staffId, staffIds)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function childViews(
  db: Db,
  schoolId: string,
  children: DayChild[],
  moment: DayMoment,
): Promise<DayChildView[]> {
  const userIds: string[] = [];
  const personIds: string[] = [];
  const staffIds: string[] = [];
  for (const c of children) {
    const { day } = c;
    userIds.push(...day.marks.map((m) => m.by));
    if (day.followUp?.contact) userIds.push(day.followUp.contact.by);
    if (day.called) userIds.push(day.called.by);
    if (day.release) {
      userIds.push(day.release.by);
      if (day.release.personId) personIds.push(day.release.personId);
    }
    if (day.custody?.staffId) staffIds.push(day.custody.staffId);
    const placedBy = c.events.find((e) => e.kind === 'custody')?.byUser;
    if (placedBy) userIds.push(placedBy);
  }
  const [names, persons, staffNames] = await Promise.all([
    namesOf(db, userIds),
    personIds.length === 0
      ? []
      : db
          .select({ id: pickupPersons.personId, name: pickupPersons.name, relation: pickupPersons.relation })
          .from(pickupPersons)
          .where(and(eq(pickupPersons.schoolId, schoolId), inArray(pickupPersons.personId, personIds))),
    staffIds.length === 0
      ? []
      : db
          .select({ id: staff.staffId, name: staff.name })
          .from(staff)
          .where(and(eq(staff.schoolId, schoolId), inArray(staff.staffId, staffIds))),
  ]);
  const personOf = new Map(persons.map((p) => [p.id, p]));
  const staffOf = new Map(staffNames.map((s) => [s.id, s.name]));
  const who = (id: string) => names.get(id) ?? null;
  return children.map((c) => {
    const { day } = c;
    const person = day.release?.personId ? personOf.get(day.release.personId) : undefined;
    const standing = standingOf(day, moment);
    const placedBy = c.events.find((e) => e.kind === 'custody')?.byUser ?? null;
    return {
      studentId: c.studentId,
      name: c.name,
      studentNo: c.studentNo,
      grade: c.grade,
      className: c.className,
      groupId: c.groupId,
      groupName: c.groupName,
      status: c.status,
      standing,
      unaccounted: isUnknown(standing) ? standing : null,
      batch: c.batch,
      extendedCustody: c.facts.extendedCustody,
      leave: c.leave ? { fromDate: c.leave.fromDate, toDate: c.leave.toDate, reason: c.leave.reason } : null,
      marks: day.marks.map((m) => ({ mark: m.mark, at: m.at, by: who(m.by) })),
      followUp: day.followUp
        ? {
            state: day.followUp.state,
            openedAt: day.followUp.openedAt,
            contact: day.followUp.contact
              ? { ...day.followUp.contact, by: who(day.followUp.contact.by) }
              : null,
            escalatedAt: day.followUp.escalatedAt,
          }
        : null,
      called: day.called ? { at: day.called.at, by: who(day.called.by) } : null,
      custody: day.custody
        ? {
            at: day.custody.at,
            staffName: staffOf.get(day.custody.staffId) ?? null,
            automatic: day.custody.automatic,
            by: placedBy ? who(placedBy) : null,
          }
        : null,
      release: day.release
        ? {
            at: day.release.at,
            by: who(day.release.by),
            method: day.release.method,
            to: person ? { name: person.name, relation: person.relation } : null,
          }
        : null,
    };
  });
}

const countsOf = (children: DayChild[], moment: DayMoment): DayCounts =>
  dayCounts(
    children.map((c) => c.day),
    moment,
  );

export async function getDayView(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate },
): Promise<DayView> {
  const { setting } = await openServiceDay(ctx, options, 'day.read');
  const schoolId = setting.school.schoolId;
  const now = ctx.clock.now();
  const moment = dayMoment(setting, now);
  const [children, groups, chief, closure, handovers, visitorsInside, custodians] = await Promise.all([
    loadDayChildren(ctx.db, setting),
    dayGroups(ctx.db, setting),
    dutyChiefOf(ctx.db, setting),
    dayClosure(ctx.db, schoolId, setting.date),
    listHandovers(ctx.db, schoolId, setting.date, null),
    loadVisits(ctx.db, schoolId, { date: setting.date }, { insideOnly: true }),
    custodianOptions(ctx.db, schoolId, setting.date),
  ]);
  const closerName = closure ? ((await namesOf(ctx.db, [closure.closedBy])).get(closure.closedBy) ?? '') : '';
  const groupOf = new Map<string | null, DayGroup>(groups.map((g) => [g.groupId, g]));
  const views = await childViews(ctx.db, schoolId, children, moment);
  const problems = dayCloseProblems(
    children.map((c) => ({ childId: c.studentId, day: c.day })),
    moment,
  );
  const unknown = problems.flatMap((p) => (isUnknown(p.standing) ? [{ ...p, reason: p.standing }] : []));
  const counts = countsOf(children, moment);
  // The children `endOfServiceCustody` would move: in care, not released, not in custody.
  const endCustodyDue = counts.inCare;
  const childOf = new Map(children.map((c) => [c.studentId, c]));
  const ungrouped = children.filter((c) => c.groupId === null || !groupOf.has(c.groupId));
  const teacherOf = (groupId: string | null) => {
    const g = groupId ? groupOf.get(groupId) : undefined;
    return { teacherName: g?.teacherName ?? null, teacherPhone: g?.teacherPhone ?? null };
  };
  return {
    date: setting.date,
    weekday: setting.day.weekday,
    endTime: setting.endTime,
    dutyChief: chief ? { name: chief.name } : null,
    closure: closure
      ? {
          closedBy: { userId: closure.closedBy, name: closerName },
          closedAt: closure.closedAt.toISOString(),
          note: closure.note,
          summary: { ...countsOf([], moment), custodyByStaff: [], ...closure.summary },
        }
      : null,
    counts,
    rollCallDue: moment.rollCallDue.toISOString(),
    serviceEnd: moment.serviceEnd.toISOString(),
    closable: problems.length === 0,
    endCustody: {
      offered: closure === null && endCustodyOffered(setting, now) && endCustodyDue > 0,
      due: endCustodyDue,
      staff: custodians,
      defaultStaffId: await defaultCustodianId(ctx.db, setting, custodians),
    },
    unaccounted: unknown.flatMap((p) => {
      const c = childOf.get(p.childId);
      if (!c) return [];
      return [
        {
          studentId: c.studentId,
          name: c.name,
          className: c.className,
          groupId: c.groupId,
          groupName: c.groupName,
          ...teacherOf(c.groupId),
          reason: p.reason,
        },
      ];
    }),
    groups: [
      ...groups.map((g) => ({
        groupId: g.groupId,
        name: g.name,
        teacherName: g.teacherName,
        teacherPhone: g.teacherPhone,
        counts: countsOf(
          children.filter((c) => c.groupId === g.groupId),
          moment,
        ),
      })),
      ...(ungrouped.length > 0
        ? [
            {
              groupId: null,
              name: null,
              teacherName: null,
              teacherPhone: null,
              counts: countsOf(ungrouped, moment),
            },
          ]
        : []),
    ],
    children: views,
    handovers,
    visitorsInside,
  };
}

function listNames(items: { name: string; reason: CloseBlockingStanding; groupName: string | null }[]) {
  const shown = items.slice(0, 10);
  const more = items.length - shown.length;
  const zh = shown.map(
    (p) => `${p.name}（${p.groupName ? `${p.groupName}，` : ''}${OPEN_STANDING_TEXT[p.reason].zh}）`,
  );
  const en = shown.map(
    (p) => `${p.name} (${p.groupName ? `${p.groupName}, ` : ''}${OPEN_STANDING_TEXT[p.reason].en})`,
  );
  return {
    zh: zh.join('、') + (more > 0 ? ` 等 ${items.length} 人` : ''),
    en: en.join('; ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

// How many keep the day open, by kind: unknown first, then in school, awaiting the roll call.
function openKinds(standings: CloseBlockingStanding[]): { zh: string; en: string } {
  const unknown = standings.filter(isUnknown).length;
  const count = (s: CloseBlockingStanding) => standings.filter((x) => x === s).length;
  const parts = [
    { n: unknown, zh: '去向未明', en: 'not accounted for' },
    { n: count('in_school'), zh: '在校待离校', en: 'in school, to be released' },
    { n: count('awaiting_roll_call'), zh: '尚未点名', en: 'not marked yet' },
  ].filter((p) => p.n > 0);
  return {
    zh: parts.map((p) => `${p.n} 人${p.zh}`).join('，'),
    en: parts.map((p) => `${p.n} ${p.en}`).join(', '),
  };
}

// Closes the day once every child is accounted for (F-16): refused with each child named and where they
// stand while any is not (DAY_NOT_CLOSABLE) — unknown, awaiting the roll call or in school before the
// end time —, refused as DAY_CLOSED when already closed (a retry of the same request with its
// Idempotency-Key gets the first answer back instead). Children in extended custody do not hold it up
// (C 延时托管; A 三.6 值日总护导: every child is accounted for): the summary keeps how many were in
// custody with whom, none is recorded as gone home, and the gate releases them after the close. The
// close takes the day's lock exclusive, so a release in flight (shared) is committed before it is
// counted, and one after it sees the closure and goes in as the one write still accepted.
export async function closeDay(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate; body: CloseDayBody },
): Promise<DayView> {
  const { school, setting } = await openServiceDay(ctx, options, 'day.close');
  const today = schoolDate(ctx.clock.now());
  if (setting.date > today) {
    throw new AppError('DAY_NOT_CLOSABLE', {
      zh: `${chineseDate(setting.date)}还没有到，不能结束`,
      en: `${setting.date} has not come yet; it cannot be closed`,
      details: { reason: 'not_yet', problems: [] },
    });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // One close at a time per school and day; the check and the insert see the same children.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${dayLockKey(school.schoolId, setting.date)}))`,
    );
    const closed = await dayClosure(tx, school.schoolId, setting.date);
    if (closed) {
      const name = (await namesOf(tx, [closed.closedBy])).get(closed.closedBy) ?? '';
      const time = schoolTime(closed.closedAt);
      throw new AppError('DAY_CLOSED', {
        zh: `当天已由${name}于 ${time} 结束，不能再更改`,
        en: `The day was already closed by ${name} at ${time}; it can no longer change`,
        details: { closedBy: name, closedAt: closed.closedAt.toISOString() },
      });
    }
    const children = await loadDayChildren(tx, setting);
    const moment = dayMoment(setting, now);
    const problems = dayCloseProblems(
      children.map((c) => ({ childId: c.studentId, day: c.day })),
      moment,
    );
    if (problems.length > 0) {
      const childOf = new Map(children.map((c) => [c.studentId, c]));
      const named = problems.map((p) => {
        const c = childOf.get(p.childId);
        return {
          studentId: p.childId,
          name: c?.name ?? '',
          groupName: c?.groupName ?? null,
          reason: p.standing,
        };
      });
      const text = listNames(named);
      const kinds = openKinds(named.map((p) => p.reason));
      throw new AppError('DAY_NOT_CLOSABLE', {
        zh: `还有 ${named.length} 名学生当天尚未结束（${kinds.zh}），不能结束当天：${text.zh}`,
        en: `${named.length} ${named.length === 1 ? 'child’s day is' : 'children’s days are'} not over (${kinds.en}); the day cannot be closed: ${text.en}`,
        details: { problems: named },
      });
    }
    const counts = countsOf(children, moment);
    const custody = custodyByStaff(children.map((c) => c.day));
    const staffNames = await custodianNames(
      tx,
      school.schoolId,
      custody.map((c) => c.staffId),
    );
    const summary = {
      ...counts,
      custodyByStaff: custody.map((c) => ({ ...c, staffName: staffNames.get(c.staffId) ?? null })),
    } satisfies StoredDaySummary;
    await tx.insert(dayClosures).values({
      schoolId: school.schoolId,
      serviceDate: setting.date,
      closedBy: ctx.actor.userId,
      closedAt: now,
      summary: { ...summary },
      note: options.body.note ?? null,
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'day.close',
      objectType: 'day',
      objectId: null,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { date: setting.date, ...summary },
    });
  });
  return getDayView(ctx, options);
}
