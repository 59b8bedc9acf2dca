// F-15 交接班 (B 六(三) 制定并落实严格的考勤、监管、交接班制度): at the start the class teacher hands the
// children to the care staff; at the end the care staff hand those still in care to the duty chief or
// extended custody. The server counts who should be handed over from the day's state
// (`handoverExpectedCount`, src/domain/day-close.ts) and keeps the count made beside it; a different
// count is stored only with the discrepancy written down.
//
// A care teacher records and reads the handovers of the groups they lead (another group is "not
// found", as on the roster); the duty chief and the school admin any group, or the whole school.
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { handovers, serviceGroups, staff, users } from '../../../db/schema.js';
import type { IsoDate } from '../../../domain/dates.js';
import { handoverCountProblem, handoverExpectedCount } from '../../../domain/day-close.js';
import { handoverParties } from '../../../domain/handover-parties.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { loadDayChildren } from '../../daily/child-days.js';
import {
  assertDayOpen,
  dayClosure,
  dutyChiefOf,
  loadServiceDay,
  type ServiceDaySetting,
} from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { type Action, can } from '../../policies/policy.js';
import { loadSchool, type SchoolRecord } from '../plans/plan-setting.js';
import type { CreateHandoverBody, HandoverDay, HandoverView } from './schemas.js';

export interface DayScope {
  school: SchoolRecord;
  setting: ServiceDaySetting;
  // Every group of the day (duty chief, school admin), or only the groups the reader leads.
  wholeSchool: boolean;
}

// The school (authorized for `action` first, so another school's date is never examined), then the
// service day, or NOT_A_SERVICE_DAY.
export async function openServiceDay(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate },
  action: Action,
): Promise<DayScope> {
  const school = await loadSchool(ctx.db, options.schoolId);
  const target = { regionPath: school.regionPath, schoolId: school.schoolId };
  authorize(ctx.actor, action, target);
  const setting = await loadServiceDay(ctx.db, school, options.date);
  return { school, setting, wholeSchool: can(ctx.actor, 'attendance.whole_school', target) };
}

export interface DayGroup {
  groupId: string;
  name: string;
  teacherName: string | null;
  teacherPhone: string | null;
  teacherUserId: string | null;
}

// The groups that run on the day (the weekday's groups; a make-up day runs the weekday it follows),
// with their teacher (an archived teacher leads nobody).
export async function dayGroups(db: Db, setting: ServiceDaySetting): Promise<DayGroup[]> {
  const rows = await db
    .select({
      groupId: serviceGroups.groupId,
      name: serviceGroups.name,
      teacherName: staff.name,
      teacherPhone: staff.phone,
      teacherUserId: staff.userId,
    })
    .from(serviceGroups)
    .leftJoin(
      staff,
      and(
        eq(staff.schoolId, serviceGroups.schoolId),
        eq(staff.staffId, serviceGroups.teacherStaffId),
        isNull(staff.archivedAt),
      ),
    )
    .where(
      and(
        eq(serviceGroups.schoolId, setting.school.schoolId),
        eq(serviceGroups.termId, setting.term.termId),
        eq(serviceGroups.weekday, setting.groupWeekday),
      ),
    )
    .orderBy(asc(serviceGroups.name));
  return rows;
}

// A 三.1 看护人员对被看护学生承担安全直接责任: a care teacher acts on the groups they lead.
export function groupsOf(ctx: ActorContext, scope: DayScope, groups: DayGroup[]): DayGroup[] {
  return scope.wholeSchool ? groups : groups.filter((g) => g.teacherUserId === ctx.actor.userId);
}

// The day's handovers, oldest first; `groupIds` narrows to those groups (null: every one).
export async function listHandovers(
  db: Db,
  schoolId: string,
  date: IsoDate,
  groupIds: readonly string[] | null,
): Promise<HandoverView[]> {
  if (groupIds && groupIds.length === 0) return [];
  const conditions: SQL[] = [eq(handovers.schoolId, schoolId), eq(handovers.serviceDate, date)];
  if (groupIds) conditions.push(inArray(handovers.groupId, [...groupIds]));
  const rows = await db
    .select({
      handoverId: handovers.handoverId,
      stage: handovers.stage,
      groupId: handovers.groupId,
      groupName: serviceGroups.name,
      fromName: handovers.fromName,
      toName: handovers.toName,
      expectedCount: handovers.expectedCount,
      countedCount: handovers.countedCount,
      discrepancies: handovers.discrepancies,
      recordedBy: handovers.recordedBy,
      recordedByName: users.displayName,
      recordedAt: handovers.recordedAt,
    })
    .from(handovers)
    .innerJoin(users, eq(users.id, handovers.recordedBy))
    .leftJoin(
      serviceGroups,
      and(eq(serviceGroups.schoolId, handovers.schoolId), eq(serviceGroups.groupId, handovers.groupId)),
    )
    .where(and(...conditions))
    .orderBy(asc(handovers.recordedAt));
  return rows.map(({ recordedBy, recordedByName, recordedAt, ...h }) => ({
    ...h,
    recordedBy: { userId: recordedBy, name: recordedByName },
    recordedAt: recordedAt.toISOString(),
  }));
}

export async function getHandoverDay(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate },
): Promise<HandoverDay> {
  const scope = await openServiceDay(ctx, options, 'handover.write');
  const { setting } = scope;
  const groups = groupsOf(ctx, scope, await dayGroups(ctx.db, setting));
  const children = await loadDayChildren(
    ctx.db,
    setting,
    scope.wholeSchool ? {} : { groupIds: groups.map((g) => g.groupId) },
  );
  const expectedOf = (days: typeof children) => ({
    start: handoverExpectedCount(
      'start',
      days.map((c) => c.day),
    ),
    end: handoverExpectedCount(
      'end',
      days.map((c) => c.day),
    ),
  });
  const [chief, closure, list] = await Promise.all([
    dutyChiefOf(ctx.db, setting),
    dayClosure(ctx.db, setting.school.schoolId, setting.date),
    listHandovers(
      ctx.db,
      setting.school.schoolId,
      setting.date,
      scope.wholeSchool ? null : groups.map((g) => g.groupId),
    ),
  ]);
  // The rota's duty chief of the day and each group's teacher, not the person signed in (issue 14.12).
  const partiesOf = (groupTeacher: string | null, wholeSchool: boolean) => {
    const people = { groupTeacher, dutyChief: chief?.name ?? null, wholeSchool };
    return { start: handoverParties('start', people), end: handoverParties('end', people) };
  };
  return {
    date: setting.date,
    closed: closure !== null,
    dutyChief: chief ? { name: chief.name } : null,
    groups: groups.map((g) => ({
      groupId: g.groupId,
      name: g.name,
      teacherName: g.teacherName,
      expected: expectedOf(children.filter((c) => c.groupId === g.groupId)),
      parties: partiesOf(g.teacherName, false),
    })),
    wholeSchool: scope.wholeSchool ? expectedOf(children) : null,
    wholeSchoolParties: scope.wholeSchool ? partiesOf(null, true) : null,
    handovers: list,
  };
}

export async function recordHandover(
  ctx: ActorContext,
  options: { schoolId: string; date: IsoDate; body: CreateHandoverBody },
): Promise<HandoverView> {
  const scope = await openServiceDay(ctx, options, 'handover.write');
  const { setting, school } = scope;
  const body = options.body;
  const groupId = body.groupId ?? null;
  const now = ctx.clock.now();
  const handoverId = await ctx.db.transaction(async (tx) => {
    await assertDayOpen(tx, school.schoolId, setting.date);
    if (groupId) {
      const group = groupsOf(ctx, scope, await dayGroups(tx, setting)).find((g) => g.groupId === groupId);
      if (!group) {
        throw new AppError('NOT_FOUND', {
          zh: '当天没有该班组，或不是您带的班组',
          en: 'No such group on this day, or not a group you lead',
        });
      }
    } else if (!scope.wholeSchool) {
      throw new AppError('FORBIDDEN', {
        zh: '请选择您带的班组；全校交接由值日总护导记录',
        en: 'Choose a group you lead; the whole school’s handover is recorded by the duty chief',
      });
    }
    // Counted inside the transaction, from the day as it stands now (B 六(三) 交接班).
    const children = await loadDayChildren(tx, setting, groupId ? { groupIds: [groupId] } : {});
    const expectedCount = handoverExpectedCount(
      body.stage,
      children.map((c) => c.day),
    );
    const discrepancies = body.discrepancies ?? null;
    if (handoverCountProblem({ expectedCount, countedCount: body.countedCount, discrepancies })) {
      throw new AppError('HANDOVER_DISCREPANCY_REQUIRED', {
        zh: `应交接 ${expectedCount} 人，清点 ${body.countedCount} 人：人数不符，请写明差异情况`,
        en: `${expectedCount} expected, ${body.countedCount} counted: write down the discrepancy`,
        details: {
          expectedCount,
          countedCount: body.countedCount,
          fields: [
            { path: 'body.discrepancies', message: '人数不符时须写明差异 / Required when the counts differ' },
          ],
        },
      });
    }
    const [row] = await tx
      .insert(handovers)
      .values({
        schoolId: school.schoolId,
        serviceDate: setting.date,
        stage: body.stage,
        groupId,
        fromName: body.fromName,
        toName: body.toName,
        expectedCount,
        countedCount: body.countedCount,
        discrepancies,
        recordedBy: ctx.actor.userId,
        recordedAt: now,
      })
      .returning({ handoverId: handovers.handoverId });
    if (!row) throw new Error('handover not stored');
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'handover.record',
      objectType: 'handover',
      objectId: row.handoverId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: {
        date: setting.date,
        stage: body.stage,
        groupId,
        expectedCount,
        countedCount: body.countedCount,
      },
    });
    return row.handoverId;
  });
  const [view] = (await listHandovers(ctx.db, school.schoolId, setting.date, null)).filter(
    (h) => h.handoverId === handoverId,
  );
  if (!view) throw new Error('handover not found after insert');
  return view;
}
