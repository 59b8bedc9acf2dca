// Staff records (F-09) as the staff page shows them: the person, their account and its roles at the
// school, the leadership position (A 二) and the responsibility letters with their status (A 三.1).
import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { files, responsibilityLetters, schoolMemberships, staff, users } from '../../../db/schema.js';
import { leadershipProblems } from '../../../domain/rota.js';
import { letterStatus } from '../../../domain/staff.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope, type SchoolScope } from '../../policies/authorize.js';
import { can } from '../../policies/policy.js';
import type { StaffItem, StaffList } from './schemas.js';

export type StaffRow = typeof staff.$inferSelect;

export async function loadStaff(db: Db, schoolId: string, staffId: string): Promise<StaffRow> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.schoolId, schoolId), eq(staff.staffId, staffId)));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该看护人员', en: 'No such staff member' });
  return row;
}

export async function staffScope(ctx: ActorContext, schoolId: string, action: 'staff.read' | 'staff.write') {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, action, { regionPath: scope.regionPath, schoolId });
  return scope;
}

// Active staff-role memberships (not guardians) of users at the school, by user.
type SchoolRole = (typeof schoolMemberships.$inferSelect)['role'];

async function rolesOf(db: Db, schoolId: string, userIds: string[]): Promise<Map<string, SchoolRole[]>> {
  const roles = new Map<string, SchoolRole[]>();
  if (userIds.length === 0) return roles;
  const rows = await db
    .select({ userId: schoolMemberships.userId, role: schoolMemberships.role })
    .from(schoolMemberships)
    .where(
      and(
        eq(schoolMemberships.schoolId, schoolId),
        inArray(schoolMemberships.userId, userIds),
        isNull(schoolMemberships.revokedAt),
        ne(schoolMemberships.role, 'guardian'),
      ),
    );
  for (const r of rows) roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role]);
  return roles;
}

export async function staffItems(
  ctx: ActorContext,
  schoolId: string,
  options: { staffIds?: string[]; archived?: boolean } = {},
): Promise<StaffItem[]> {
  const conditions = [eq(staff.schoolId, schoolId)];
  if (options.staffIds) conditions.push(inArray(staff.staffId, options.staffIds));
  else conditions.push(options.archived ? isNotNull(staff.archivedAt) : isNull(staff.archivedAt));
  const rows = await ctx.db
    .select({ s: staff, username: users.username, displayName: users.displayName })
    .from(staff)
    .leftJoin(users, eq(users.id, staff.userId))
    .where(and(...conditions))
    .orderBy(asc(staff.staffNo), asc(staff.name));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.s.staffId);
  const letters = await ctx.db
    .select({
      staffId: responsibilityLetters.staffId,
      letterId: responsibilityLetters.letterId,
      signedOn: responsibilityLetters.signedOn,
      validUntil: responsibilityLetters.validUntil,
      scanFileId: responsibilityLetters.scanFileId,
      scanFileName: files.fileName,
      scanContentType: files.contentType,
      createdAt: responsibilityLetters.createdAt,
    })
    .from(responsibilityLetters)
    .innerJoin(
      files,
      and(
        eq(files.schoolId, responsibilityLetters.schoolId),
        eq(files.fileId, responsibilityLetters.scanFileId),
      ),
    )
    .where(and(eq(responsibilityLetters.schoolId, schoolId), inArray(responsibilityLetters.staffId, ids)))
    .orderBy(asc(responsibilityLetters.signedOn));
  const roles = await rolesOf(
    ctx.db,
    schoolId,
    rows.flatMap((r) => (r.s.userId ? [r.s.userId] : [])),
  );
  const today = schoolDate(ctx.clock.now());
  return rows.map(({ s, username, displayName }) => {
    const own = letters.filter((l) => l.staffId === s.staffId);
    return {
      staffId: s.staffId,
      staffNo: s.staffNo,
      name: s.name,
      phone: s.phone,
      kind: s.kind,
      weekdays: s.weekdays,
      leadershipPosition: s.leadershipPosition,
      leadershipDuties: s.leadershipDuties,
      account: s.userId
        ? { userId: s.userId, username, displayName: displayName ?? '', roles: roles.get(s.userId) ?? [] }
        : null,
      // A 三.1: the label of the letters on today's date (有效 / 即将到期 / 已过期 / 未签).
      letterStatus: letterStatus(own, today),
      letters: own.map(({ staffId: _, createdAt, ...l }) => ({ ...l, createdAt: createdAt.toISOString() })),
      archivedAt: s.archivedAt?.toISOString() ?? null,
    };
  });
}

export async function staffItem(ctx: ActorContext, schoolId: string, staffId: string): Promise<StaffItem> {
  const [item] = await staffItems(ctx, schoolId, { staffIds: [staffId] });
  if (!item) throw new AppError('NOT_FOUND', { zh: '找不到该看护人员', en: 'No such staff member' });
  return item;
}

// Staff-role accounts of the school that no staff record names yet.
async function linkableAccounts(db: Db, scope: SchoolScope): Promise<StaffList['linkableAccounts']> {
  const linked = await db
    .select({ userId: staff.userId })
    .from(staff)
    .where(and(eq(staff.schoolId, scope.schoolId), isNotNull(staff.userId)));
  const taken = new Set(linked.map((l) => l.userId));
  const rows = await db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: schoolMemberships.role,
    })
    .from(schoolMemberships)
    .innerJoin(users, eq(users.id, schoolMemberships.userId))
    .where(
      and(
        eq(schoolMemberships.schoolId, scope.schoolId),
        isNull(schoolMemberships.revokedAt),
        ne(schoolMemberships.role, 'guardian'),
      ),
    )
    .orderBy(asc(users.displayName));
  const byUser = new Map<string, StaffList['linkableAccounts'][number]>();
  for (const r of rows) {
    if (taken.has(r.userId)) continue;
    const entry = byUser.get(r.userId) ?? {
      userId: r.userId,
      username: r.username,
      displayName: r.displayName,
      roles: [],
    };
    entry.roles.push(r.role);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()];
}

const LEADERSHIP_MESSAGES = {
  no_leader:
    '领导小组还没有组长（A 二 1：组长为看护工作第一责任人）/ The leadership group has no leader (A 二 1)',
  several_leaders:
    '领导小组有多名组长，只能有一名（A 二 1）/ The leadership group has several leaders; there is one (A 二 1)',
} as const;

export async function listStaff(
  ctx: ActorContext,
  options: { schoolId: string; archived?: boolean },
): Promise<StaffList> {
  const scope = await staffScope(ctx, options.schoolId, 'staff.read');
  const items = await staffItems(ctx, scope.schoolId, { archived: options.archived ?? false });
  const active = options.archived ? await staffItems(ctx, scope.schoolId) : items;
  const mayWrite = can(ctx.actor, 'staff.write', { regionPath: scope.regionPath, schoolId: scope.schoolId });
  return {
    items,
    leadershipProblems: leadershipProblems(
      active.map((s) => ({ staffId: s.staffId, position: s.leadershipPosition })),
    ).map((p) => ({ code: p.code, message: LEADERSHIP_MESSAGES[p.code] })),
    linkableAccounts: mayWrite ? await linkableAccounts(ctx.db, scope) : [],
  };
}
