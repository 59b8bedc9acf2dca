import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { guardianships, users } from '../../../db/schema.js';
import type { IsoDate } from '../../../domain/dates.js';
import { rosterPhone } from '../../../domain/grouping-rules.js';
import type { ActorContext } from '../../context.js';
import { type DayChild, loadDayChildren } from '../../daily/child-days.js';
import { loadDayGroups } from '../../daily/day-groups.js';
import { dayClosure } from '../../daily/service-day.js';
import { loadDayAccess } from './day-access.js';
import type { RollCallChild, RollCallQuery, RollCallView } from './schemas.js';

// F-11 roll call (A 三.5 在册的学生应当每天点名): the groups the actor may mark that day with each child,
// the mark in force and its history (corrections keep the earlier marks), the guardian's leave
// pre-marked with its reason, the flags the teacher must know (extended custody, may leave alone),
// the absence follow-up, and the guardians' phones to call (in full for roster.full_phones).
export async function getRollCall(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate } & RollCallQuery,
): Promise<RollCallView> {
  const access = await loadDayAccess(ctx, { ...options, action: 'attendance.mark' });
  const { setting } = access;
  const school = setting.school;

  const groups = await loadDayGroups(ctx.db, {
    schoolId: school.schoolId,
    termId: setting.term.termId,
    weekday: setting.groupWeekday,
    ledBy: access.whole ? null : ctx.actor.userId,
    groupId: options.groupId,
  });

  const withUngrouped = access.whole && !options.groupId;
  const children =
    groups.length === 0 && !withUngrouped
      ? []
      : await loadDayChildren(ctx.db, setting, withUngrouped ? {} : { groupIds: groups.map((g) => g.id) });
  const view = await childViews(ctx.db, school.schoolId, children, access.fullPhones, {
    limitMinutes: setting.policy.absenceFollowUpLimitMinutes,
  });
  const byGroup = new Map<string, RollCallChild[]>();
  const ungrouped: RollCallChild[] = [];
  children.forEach((c, i) => {
    const v = view[i] as RollCallChild;
    if (c.groupId === null) {
      ungrouped.push(v);
      return;
    }
    const list = byGroup.get(c.groupId);
    if (list) list.push(v);
    else byGroup.set(c.groupId, [v]);
  });

  // The venues of the approved plan as published (the notice the day runs on).
  const venues = new Map(setting.content.venues.map((v) => [v.id, v.name]));

  return {
    school: { id: school.schoolId, name: school.name },
    date: setting.date,
    closed: (await dayClosure(ctx.db, school.schoolId, setting.date)) !== null,
    scope: access.whole ? 'school' : 'own_groups',
    fullPhones: access.fullPhones,
    followUpLimitMinutes: setting.policy.absenceFollowUpLimitMinutes,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      teacherName: g.teacherName,
      venueName: g.venueId ? (venues.get(g.venueId) ?? g.venueId) : null,
      children: byGroup.get(g.id) ?? [],
    })),
    ungrouped: withUngrouped ? ungrouped : [],
  };
}

// The children as the roll call shows them, in the order given.
export async function childViews(
  db: Db,
  schoolId: string,
  children: readonly DayChild[],
  fullPhones: boolean,
  options: { limitMinutes: number },
): Promise<RollCallChild[]> {
  if (children.length === 0) return [];
  const ids = children.map((c) => c.studentId);
  const guardians = await db
    .select({
      studentId: guardianships.studentId,
      name: users.displayName,
      relation: guardianships.relation,
      phone: users.phone,
    })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.userId))
    .where(
      and(
        eq(guardianships.schoolId, schoolId),
        inArray(guardianships.studentId, ids),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(guardianships.createdAt));
  const userIds = new Set<string>();
  for (const c of children) {
    if (c.leave) userIds.add(c.leave.requestedBy);
    for (const e of c.events) if (e.byUser) userIds.add(e.byUser);
  }
  const names =
    userIds.size === 0
      ? []
      : await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, [...userIds]));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const guardiansOf = new Map<string, typeof guardians>();
  for (const g of guardians) {
    const list = guardiansOf.get(g.studentId);
    if (list) list.push(g);
    else guardiansOf.set(g.studentId, [g]);
  }

  return children.map((c) => {
    const history: RollCallChild['history'] = [];
    if (c.leave) {
      history.push({
        id: null,
        mark: 'leave',
        at: c.leave.requestedAt.toISOString(),
        byName: nameOf.get(c.leave.requestedBy) ?? null,
        source: 'leave_request',
      });
    }
    for (const e of c.events) {
      if (e.kind !== 'mark' || !e.mark) continue;
      history.push({
        id: e.eventId,
        mark: e.mark,
        at: e.at.toISOString(),
        byName: e.byUser ? (nameOf.get(e.byUser) ?? null) : null,
        source: 'staff',
      });
    }
    const followUp = c.day.followUp;
    const contactRow = [...c.events].reverse().find((e) => e.kind === 'contact');
    return {
      studentId: c.studentId,
      studentNo: c.studentNo,
      name: c.name,
      gender: c.gender,
      grade: c.grade,
      className: c.className,
      groupId: c.groupId,
      status: c.status,
      markId: c.currentMarkId,
      mark: c.day.marks.at(-1)?.mark ?? null,
      history,
      leave: c.leave
        ? {
            leaveId: c.leave.leaveId,
            fromDate: c.leave.fromDate,
            toDate: c.leave.toDate,
            reason: c.leave.reason,
          }
        : null,
      extendedCustody: c.facts.extendedCustody,
      mayLeaveAlone: c.facts.mayLeaveAlone,
      followUp: followUp
        ? {
            state: followUp.state,
            openedAt: followUp.openedAt,
            dueAt: new Date(
              new Date(followUp.openedAt).getTime() + options.limitMinutes * 60_000,
            ).toISOString(),
            escalatedAt: followUp.escalatedAt,
            contact: followUp.contact
              ? {
                  at: followUp.contact.at,
                  byName: nameOf.get(followUp.contact.by) ?? null,
                  contactPerson: contactRow?.contactPerson ?? null,
                  result: followUp.contact.result,
                  reason: followUp.contact.reason,
                }
              : null,
          }
        : null,
      guardians: (guardiansOf.get(c.studentId) ?? []).map((g) => ({
        name: g.name,
        relation: g.relation,
        phone: rosterPhone(g.phone, fullPhones),
      })),
    };
  });
}
