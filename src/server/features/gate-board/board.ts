// The gate board (F-13, C 2 弹性离校): every child of the day at a glance — waiting by batch, called to
// the gate, gone (when and with whom), in extended custody (C 延时托管), not attending. The same
// view goes out as the JSON snapshot and, per changed child, over Server-Sent Events.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/connect.js';
import { serviceGroups, staff } from '../../../db/schema.js';
import type { ChildDayStatus } from '../../../domain/child-day.js';
import type { ActorContext } from '../../context.js';
import { type DayChild, loadDayChildren } from '../../daily/child-days.js';
import type { ServiceDaySetting } from '../../daily/service-day.js';
import { type DayDetails, dayDetails, openDepartureDay } from '../departure/departure-day.js';
import { custodyDetailSchema, releaseDetailSchema } from '../departure/schemas.js';

export const boardSections = ['waiting', 'called', 'released', 'custody', 'absent'] as const;
export type BoardSection = (typeof boardSections)[number];

const batch = z.object({ name: z.string(), time: z.string() });

export const boardChildSchema = z.object({
  studentId: z.uuid(),
  name: z.string(),
  grade: z.number().int(),
  className: z.string(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  batch: batch.nullable(),
  status: z.enum(['expected', 'present', 'called', 'absent', 'on_leave', 'in_custody', 'released']),
  // waiting: expected or present (by batch); called; released; custody; absent: absent or on leave.
  section: z.enum(boardSections),
  extendedCustody: z.boolean(),
  mayLeaveAlone: z.boolean(),
  calledAt: z.string().nullable(),
  release: releaseDetailSchema.nullable(),
  custody: custodyDetailSchema.nullable(),
});
export type BoardChild = z.infer<typeof boardChildSchema>;

export const boardSchema = z.object({
  date: z.string(),
  school: z.object({ id: z.uuid(), name: z.string() }),
  // school: every child (office, duty chief, gate); own_groups: a care teacher's groups.
  scope: z.enum(['school', 'own_groups']),
  batches: z.array(batch),
  endTime: z.string(),
  // When the snapshot was read (server time).
  at: z.string(),
  children: z.array(boardChildSchema),
});
export type Board = z.infer<typeof boardSchema>;

export function sectionOf(status: ChildDayStatus): BoardSection {
  switch (status) {
    case 'expected':
    case 'present':
      return 'waiting';
    case 'called':
      return 'called';
    case 'released':
      return 'released';
    case 'in_custody':
      return 'custody';
    case 'absent':
    case 'on_leave':
      return 'absent';
  }
}

export function boardChild(child: DayChild, details: DayDetails | undefined): BoardChild {
  return {
    studentId: child.studentId,
    name: child.name,
    grade: child.grade,
    className: child.className,
    groupId: child.groupId,
    groupName: child.groupName,
    batch: child.batch,
    status: child.status,
    section: sectionOf(child.status),
    extendedCustody: child.facts.extendedCustody,
    mayLeaveAlone: child.facts.mayLeaveAlone,
    calledAt: details?.calledAt ?? null,
    release: details?.release ?? null,
    custody: details?.custody ?? null,
  };
}

// The board rows of some (or all) children of the day, whole school.
export async function loadBoardChildren(
  db: Db,
  setting: ServiceDaySetting,
  studentIds?: readonly string[],
): Promise<BoardChild[]> {
  const children = await loadDayChildren(db, setting, studentIds ? { studentIds } : {});
  const details = await dayDetails(db, setting.school.schoolId, children);
  return children.map((c) => boardChild(c, details.get(c.studentId)));
}

// Who reads the board and how much of it: the school (office, duty chief, gate) or a care teacher's
// own groups (A 三.1), narrowed by the group's teacher account.
export interface BoardReader {
  setting: ServiceDaySetting;
  whole: boolean;
  userId: string;
  // The groups the care teacher leads that day (whole readers: unused).
  groupIds: ReadonlySet<string>;
}

export async function openBoard(
  ctx: ActorContext,
  options: { schoolId: string; date: string },
): Promise<BoardReader> {
  const day = await openDepartureDay(ctx, { ...options, action: 'gate.board', write: false });
  let groupIds = new Set<string>();
  if (!day.whole) {
    const { setting } = day;
    const mine = await ctx.db
      .select({ groupId: serviceGroups.groupId })
      .from(serviceGroups)
      .innerJoin(
        staff,
        and(eq(staff.schoolId, serviceGroups.schoolId), eq(staff.staffId, serviceGroups.teacherStaffId)),
      )
      .where(
        and(
          eq(serviceGroups.schoolId, setting.school.schoolId),
          eq(serviceGroups.termId, setting.term.termId),
          eq(serviceGroups.weekday, setting.groupWeekday),
          eq(staff.userId, ctx.actor.userId),
          isNull(staff.archivedAt),
        ),
      );
    groupIds = new Set(mine.map((g) => g.groupId));
  }
  return { setting: day.setting, whole: day.whole, userId: ctx.actor.userId, groupIds };
}

export function visibleTo(reader: BoardReader, child: BoardChild): boolean {
  return reader.whole || (child.groupId !== null && reader.groupIds.has(child.groupId));
}

export function boardOf(reader: BoardReader, children: readonly BoardChild[], now: Date): Board {
  const { setting } = reader;
  return {
    date: setting.date,
    school: { id: setting.school.schoolId, name: setting.school.name },
    scope: reader.whole ? 'school' : 'own_groups',
    batches: setting.batches,
    endTime: setting.endTime,
    at: now.toISOString(),
    children: children.filter((c) => visibleTo(reader, c)),
  };
}

export async function boardSnapshot(db: Db, reader: BoardReader, now: Date): Promise<Board> {
  return boardOf(reader, await loadBoardChildren(db, reader.setting), now);
}
