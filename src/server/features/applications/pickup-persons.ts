// F-13 接送: the people a guardian authorizes to collect the child, kept per child. Removed persons
// stay with the time of removal, so a past release still names whom it was to.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { files, pickupPersons } from '../../../db/schema.js';
import { checkPickupPerson, MAX_PICKUP_PERSONS, type PickupPersonInput } from '../../../domain/enrollment.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { leadsGroupOfChild } from '../../policies/group-lead.js';
import { can } from '../../policies/policy.js';
import { storeFile, type Upload } from '../../uploads.js';
import { loadChild } from './application-setting.js';
import type { PickupPersonView } from './application-view.js';

async function authorizeChild(ctx: ActorContext, schoolId: string, studentId: string) {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  // The guardian (own child) or the school office, as for an application.
  authorize(ctx.actor, 'application.create', { regionPath: scope.regionPath, schoolId, studentId });
  await loadChild(ctx.db, schoolId, studentId);
  return scope;
}

function view(p: typeof pickupPersons.$inferSelect): PickupPersonView {
  return {
    id: p.personId,
    name: p.name,
    relation: p.relation,
    phone: p.phone,
    hasPhoto: p.photoFileId !== null,
  };
}

export async function addPickupPerson(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string } & PickupPersonInput,
): Promise<PickupPersonView> {
  const scope = await authorizeChild(ctx, options.schoolId, options.studentId);
  const checked = checkPickupPerson(options, null);
  if (!checked.ok) {
    throw new AppError('VALIDATION_FAILED', {
      zh: checked.problems.map((p) => p.zh).join('；'),
      en: checked.problems.map((p) => p.en).join('; '),
      details: {
        fields: checked.problems.map((p) => ({ path: `body.${p.path}`, message: `${p.zh} / ${p.en}` })),
      },
    });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Serialises additions for the child so the limit holds under concurrent requests.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pickup:${options.studentId}`}))`);
    const current = await tx
      .select({ phone: pickupPersons.phone })
      .from(pickupPersons)
      .where(
        and(
          eq(pickupPersons.schoolId, options.schoolId),
          eq(pickupPersons.studentId, options.studentId),
          isNull(pickupPersons.removedAt),
        ),
      );
    if (current.length >= MAX_PICKUP_PERSONS) {
      throw new AppError('VALIDATION_FAILED', {
        zh: `接送人最多 ${MAX_PICKUP_PERSONS} 位，请先删除一位`,
        en: `At most ${MAX_PICKUP_PERSONS} pickup persons; remove one first`,
      });
    }
    if (current.some((p) => p.phone === checked.person.phone)) {
      throw new AppError('VALIDATION_FAILED', {
        zh: '已有使用该手机号的接送人',
        en: 'A pickup person with this mobile is already listed',
        details: { fields: [{ path: 'body.phone', message: '已有使用该手机号的接送人 / Already listed' }] },
      });
    }
    const [row] = await tx
      .insert(pickupPersons)
      .values({
        schoolId: options.schoolId,
        studentId: options.studentId,
        ...checked.person,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('pickup person insert returned nothing');
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'pickup_person.add',
      objectType: 'pickup_person',
      objectId: row.personId,
      schoolId: options.schoolId,
      regionId: scope.regionId,
      at: now,
      details: { studentId: options.studentId, name: row.name, relation: row.relation },
    });
    return view(row);
  });
}

async function livePerson(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; personId: string },
) {
  const [row] = await ctx.db
    .select()
    .from(pickupPersons)
    .where(
      and(
        eq(pickupPersons.schoolId, options.schoolId),
        eq(pickupPersons.studentId, options.studentId),
        eq(pickupPersons.personId, options.personId),
        isNull(pickupPersons.removedAt),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该接送人', en: 'No such pickup person' });
  return row;
}

export async function removePickupPerson(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; personId: string },
): Promise<void> {
  const scope = await authorizeChild(ctx, options.schoolId, options.studentId);
  await livePerson(ctx, options);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .update(pickupPersons)
      .set({ removedAt: now })
      .where(
        and(
          eq(pickupPersons.schoolId, options.schoolId),
          eq(pickupPersons.personId, options.personId),
          isNull(pickupPersons.removedAt),
        ),
      )
      .returning({ personId: pickupPersons.personId });
    if (removed.length === 0)
      throw new AppError('NOT_FOUND', { zh: '找不到该接送人', en: 'No such pickup person' });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'pickup_person.remove',
      objectType: 'pickup_person',
      objectId: options.personId,
      schoolId: options.schoolId,
      regionId: scope.regionId,
      at: now,
      details: { studentId: options.studentId },
    });
  });
}

// An optional photo (JPEG or PNG) the gate guard compares with the person (F-13).
export async function setPickupPhoto(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; personId: string; photo: Upload },
): Promise<PickupPersonView> {
  const scope = await authorizeChild(ctx, options.schoolId, options.studentId);
  await livePerson(ctx, options);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const photoFileId = await storeFile(tx, {
      schoolId: options.schoolId,
      purpose: 'pickup_photo',
      upload: options.photo,
      uploadedBy: ctx.actor.userId,
    });
    const [row] = await tx
      .update(pickupPersons)
      .set({ photoFileId })
      .where(
        and(
          eq(pickupPersons.schoolId, options.schoolId),
          eq(pickupPersons.personId, options.personId),
          isNull(pickupPersons.removedAt),
        ),
      )
      .returning();
    if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该接送人', en: 'No such pickup person' });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'pickup_person.photo',
      objectType: 'pickup_person',
      objectId: options.personId,
      schoolId: options.schoolId,
      regionId: scope.regionId,
      at: now,
      details: { studentId: options.studentId, fileId: photoFileId },
    });
    return view(row);
  });
}

// A care teacher of the school who leads a group the child is in (any weekday of any term).
async function leadsChildsGroup(
  ctx: ActorContext,
  target: { regionPath: string; schoolId: string; studentId: string },
): Promise<boolean> {
  if (!can(ctx.actor, 'release.write', target)) return false;
  return leadsGroupOfChild(ctx.db, { ...target, userId: ctx.actor.userId });
}
// The pickup person's photo, for the guardian and the school office.
export async function pickupPhoto(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; personId: string },
): Promise<{ contentType: string; content: Buffer }> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  const target = { regionPath: scope.regionPath, schoolId: options.schoolId, studentId: options.studentId };
  // The guardian and the office; and those who check who collects a child against the roster — the
  // duty chief and the gate (F-13: 核对接送人, photo where given) — and a care teacher releasing a child
  // of a group they lead at the classroom door.
  if (!can(ctx.actor, 'roster.whole_school', target) && !(await leadsChildsGroup(ctx, target))) {
    authorize(ctx.actor, 'application.read', target);
  }
  const person = await livePerson(ctx, options);
  if (!person.photoFileId) throw new AppError('NOT_FOUND', { zh: '没有照片', en: 'No photo' });
  const [file] = await ctx.db
    .select({ contentType: files.contentType, content: files.content })
    .from(files)
    .where(and(eq(files.schoolId, options.schoolId), eq(files.fileId, person.photoFileId)));
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}
