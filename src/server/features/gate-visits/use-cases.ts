// F-17 门卫登记 (B 六(三) 强化活动场所安全检查和门卫登记管理制度): the gate writes down each visitor on
// the way in — name, phone, organisation, purpose and whom they visit — and the time they leave. Per
// calendar date in the school's zone: the gate works every day, service day or not, and a closed
// service day does not stop it. The gate guard, the duty chief and the school admin keep the log.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/connect.js';
import { gateVisits, users } from '../../../db/schema.js';
import type { IsoDate } from '../../../domain/dates.js';
import { normaliseMobile } from '../../../domain/phone.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { loadSchool, type SchoolRecord } from '../plans/plan-setting.js';
import type { CreateVisitBody, VisitList, VisitView } from './schemas.js';

async function gateSchool(ctx: ActorContext, schoolId: string): Promise<SchoolRecord> {
  const school = await loadSchool(ctx.db, schoolId);
  authorize(ctx.actor, 'gate.visit', { regionPath: school.regionPath, schoolId: school.schoolId });
  return school;
}

const inUser = alias(users, 'in_user');
const outUser = alias(users, 'out_user');

// A day's visits: those still inside first (latest arrival first), then those who left (latest first).
// `visitId` narrows to one.
export async function loadVisits(
  db: Db,
  schoolId: string,
  filter: { date: IsoDate } | { visitId: string },
  options: { insideOnly?: boolean } = {},
): Promise<VisitView[]> {
  const conditions = [
    eq(gateVisits.schoolId, schoolId),
    'date' in filter ? eq(gateVisits.visitDate, filter.date) : eq(gateVisits.visitId, filter.visitId),
  ];
  if (options.insideOnly) conditions.push(isNull(gateVisits.outAt));
  const rows = await db
    .select({
      visit: gateVisits,
      inName: inUser.displayName,
      outName: outUser.displayName,
    })
    .from(gateVisits)
    .innerJoin(inUser, eq(inUser.id, gateVisits.inBy))
    .leftJoin(outUser, eq(outUser.id, gateVisits.outBy))
    .where(and(...conditions))
    .orderBy(
      sql`${gateVisits.outAt} is not null`,
      desc(sql`coalesce(${gateVisits.outAt}, ${gateVisits.inAt})`),
      asc(gateVisits.visitorName),
    );
  return rows.map(({ visit: v, inName, outName }) => ({
    visitId: v.visitId,
    visitDate: v.visitDate,
    visitorName: v.visitorName,
    phone: v.phone,
    organisation: v.organisation,
    purpose: v.purpose,
    host: v.host,
    inAt: v.inAt.toISOString(),
    inBy: { userId: v.inBy, name: inName },
    outAt: v.outAt?.toISOString() ?? null,
    outBy: v.outBy ? { userId: v.outBy, name: outName ?? '' } : null,
  }));
}

export async function listVisits(
  ctx: ActorContext,
  options: { schoolId: string; date?: IsoDate },
): Promise<VisitList> {
  const school = await gateSchool(ctx, options.schoolId);
  const date = options.date ?? schoolDate(ctx.clock.now());
  const visits = await loadVisits(ctx.db, school.schoolId, { date });
  return { date, inside: visits.filter((v) => v.outAt === null).length, visits };
}

export async function registerVisit(
  ctx: ActorContext,
  options: { schoolId: string; body: CreateVisitBody },
): Promise<VisitView> {
  const school = await gateSchool(ctx, options.schoolId);
  const body = options.body;
  let phone: string | null = null;
  if (body.phone) {
    phone = normaliseMobile(body.phone);
    if (!phone) {
      throw new AppError('VALIDATION_FAILED', {
        details: {
          fields: [{ path: 'body.phone', message: '请输入 11 位手机号 / Enter an 11-digit mobile number' }],
        },
      });
    }
  }
  const now = ctx.clock.now();
  const visitId = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(gateVisits)
      .values({
        schoolId: school.schoolId,
        visitDate: schoolDate(now),
        visitorName: body.visitorName,
        phone,
        organisation: body.organisation ?? null,
        purpose: body.purpose,
        host: body.host,
        inAt: now,
        inBy: ctx.actor.userId,
      })
      .returning({ visitId: gateVisits.visitId });
    if (!row) throw new Error('visit not stored');
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'gate_visit.in',
      objectType: 'gate_visit',
      objectId: row.visitId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
    });
    return row.visitId;
  });
  const [view] = await loadVisits(ctx.db, school.schoolId, { visitId });
  if (!view) throw new Error('visit not found after insert');
  return view;
}

// Signs a visitor out, once: a second time is refused (VISITOR_ALREADY_LEFT) with the time it was done.
export async function signOutVisitor(
  ctx: ActorContext,
  options: { schoolId: string; visitId: string },
): Promise<VisitView> {
  const school = await gateSchool(ctx, options.schoolId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(gateVisits)
      .set({ outAt: now, outBy: ctx.actor.userId })
      .where(
        and(
          eq(gateVisits.schoolId, school.schoolId),
          eq(gateVisits.visitId, options.visitId),
          isNull(gateVisits.outAt),
        ),
      )
      .returning({ visitId: gateVisits.visitId });
    if (!row) {
      const [existing] = await loadVisits(tx, school.schoolId, { visitId: options.visitId });
      if (!existing)
        throw new AppError('NOT_FOUND', { zh: '找不到该访客记录', en: 'No such visitor record' });
      throw new AppError('VISITOR_ALREADY_LEFT', { details: { outAt: existing.outAt } });
    }
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'gate_visit.out',
      objectType: 'gate_visit',
      objectId: row.visitId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
    });
  });
  const [view] = await loadVisits(ctx.db, school.schoolId, { visitId: options.visitId });
  if (!view) throw new Error('visit not found after update');
  return view;
}
