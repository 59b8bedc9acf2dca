// Create, change and archive staff records (F-09). The leadership group has one 组长 (A 二 1); a
// person's account, when linked, is one of the school's staff accounts.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { schoolMemberships, staff } from '../../../db/schema.js';
import { normaliseMobile } from '../../../domain/phone.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError, type FieldProblem, isUniqueViolation } from '../../errors.js';
import type { SchoolScope } from '../../policies/authorize.js';
import type { StaffBody, StaffItem } from './schemas.js';
import { loadStaff, staffItem, staffScope } from './staff-records.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function checkBody(db: Db, scope: SchoolScope, body: StaffBody) {
  const fields: FieldProblem[] = [];
  let phone: string | null = null;
  if (body.phone != null && body.phone.trim() !== '') {
    phone = normaliseMobile(body.phone);
    if (!phone)
      fields.push({ path: 'body.phone', message: '请输入 11 位手机号 / Enter an 11-digit mobile number' });
  }
  const position = body.leadershipPosition ?? null;
  const duties = body.leadershipDuties ?? [];
  if (!position && duties.length > 0)
    fields.push({
      path: 'body.leadershipDuties',
      message:
        '职责属于领导小组成员，请先选择职务（A 二）/ Duties belong to a leadership position; choose one (A 二)',
    });
  if (body.userId) {
    const [membership] = await db
      .select({ role: schoolMemberships.role })
      .from(schoolMemberships)
      .where(
        and(
          eq(schoolMemberships.schoolId, scope.schoolId),
          eq(schoolMemberships.userId, body.userId),
          isNull(schoolMemberships.revokedAt),
          ne(schoolMemberships.role, 'guardian'),
        ),
      )
      .limit(1);
    if (!membership)
      fields.push({
        path: 'body.userId',
        message: '该账号不是本校工作人员账号 / This account is not a staff account of the school',
      });
  }
  if (fields.length > 0)
    throw new AppError('VALIDATION_FAILED', {
      zh: `看护人员信息有误：${fields.map((f) => f.path).join(', ')}`,
      en: `The staff record is not valid: ${fields.map((f) => f.path).join(', ')}`,
      details: { fields },
    });
  return {
    name: body.name,
    staffNo: body.staffNo ?? null,
    phone,
    kind: body.kind,
    weekdays: [...body.weekdays].sort((a, b) => a - b),
    leadershipPosition: position,
    leadershipDuties: duties,
    userId: body.userId ?? null,
  };
}

// A 二 1: one 组长. The school row is locked so that two admins cannot each name one at once.
async function checkLeader(tx: Tx, schoolId: string, staffId: string | null) {
  await tx.execute(sql`select 1 from schools where school_id = ${schoolId} for update`);
  const leaders = await tx
    .select({ staffId: staff.staffId, name: staff.name })
    .from(staff)
    .where(
      and(eq(staff.schoolId, schoolId), eq(staff.leadershipPosition, 'leader'), isNull(staff.archivedAt)),
    );
  const other = leaders.find((l) => l.staffId !== staffId);
  if (other)
    throw new AppError('LEADER_TAKEN', {
      zh: `领导小组已有组长（${other.name}），请先调整其职务（A 二 1）`,
      en: `The leadership group already has a leader (${other.name}); change their position first (A 2.1)`,
    });
}

function uniqueErrors(error: unknown): never {
  if (isUniqueViolation(error, 'staff_school_no_key')) throw new AppError('STAFF_NO_TAKEN');
  if (isUniqueViolation(error, 'staff_school_user_key')) throw new AppError('STAFF_ACCOUNT_TAKEN');
  throw error;
}

export async function createStaff(
  ctx: ActorContext,
  options: { schoolId: string; body: StaffBody },
): Promise<StaffItem> {
  const scope = await staffScope(ctx, options.schoolId, 'staff.write');
  const values = await checkBody(ctx.db, scope, options.body);
  const now = ctx.clock.now();
  const staffId = await ctx.db
    .transaction(async (tx) => {
      if (values.leadershipPosition === 'leader') await checkLeader(tx, scope.schoolId, null);
      const [row] = await tx
        .insert(staff)
        .values({ schoolId: scope.schoolId, ...values, createdAt: now })
        .returning({ staffId: staff.staffId });
      if (!row) throw new Error('staff insert returned nothing');
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'staff.create',
        objectType: 'staff',
        objectId: row.staffId,
        schoolId: scope.schoolId,
        regionId: scope.regionId,
        at: now,
        details: { name: values.name, kind: values.kind, leadershipPosition: values.leadershipPosition },
      });
      return row.staffId;
    })
    .catch(uniqueErrors);
  return staffItem(ctx, scope.schoolId, staffId);
}

export async function updateStaff(
  ctx: ActorContext,
  options: { schoolId: string; staffId: string; body: StaffBody },
): Promise<StaffItem> {
  const scope = await staffScope(ctx, options.schoolId, 'staff.write');
  const current = await loadStaff(ctx.db, scope.schoolId, options.staffId);
  if (current.archivedAt)
    throw new AppError('VALIDATION_FAILED', {
      zh: '该看护人员已停用，不能修改',
      en: 'This staff member is archived and cannot be changed',
    });
  const values = await checkBody(ctx.db, scope, options.body);
  const now = ctx.clock.now();
  await ctx.db
    .transaction(async (tx) => {
      if (values.leadershipPosition === 'leader') await checkLeader(tx, scope.schoolId, current.staffId);
      await tx
        .update(staff)
        .set(values)
        .where(and(eq(staff.schoolId, scope.schoolId), eq(staff.staffId, current.staffId)));
      const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
        (k) => JSON.stringify(values[k]) !== JSON.stringify(current[k]),
      );
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'staff.update',
        objectType: 'staff',
        objectId: current.staffId,
        schoolId: scope.schoolId,
        regionId: scope.regionId,
        at: now,
        details: { changed },
      });
    })
    .catch(uniqueErrors);
  return staffItem(ctx, scope.schoolId, current.staffId);
}

// Archived staff leave the lists and cannot be assigned; their letters and past duties stay.
export async function archiveStaff(
  ctx: ActorContext,
  options: { schoolId: string; staffId: string },
): Promise<StaffItem> {
  const scope = await staffScope(ctx, options.schoolId, 'staff.write');
  const current = await loadStaff(ctx.db, scope.schoolId, options.staffId);
  if (!current.archivedAt) {
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(staff)
        .set({ archivedAt: now })
        .where(and(eq(staff.schoolId, scope.schoolId), eq(staff.staffId, current.staffId)));
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'staff.archive',
        objectType: 'staff',
        objectId: current.staffId,
        schoolId: scope.schoolId,
        regionId: scope.regionId,
        at: now,
      });
    });
  }
  return staffItem(ctx, scope.schoolId, current.staffId);
}
