// F-10 duty rota: read a term's rota, and save its duties — the duty chief (A 三.6 值日总护导) and the
// managers (B 五(三) 管理人员) of each weekday — in one transaction, refused as a whole when any duty
// breaks a rule: a person without a letter covering the term (A 三.1), not available that weekday,
// in two roles on a day, archived, or a second chief.
import { and, eq, sql } from 'drizzle-orm';
import { dutyAssignments } from '../../../db/schema.js';
import { evaluateRota, type RotaDuty } from '../../../domain/rota.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { currentTerm, loadRotaSetting, rotaSchool, rotaView, schoolTerm } from './rota-setting.js';
import type { RotaView, SaveRotaBody } from './schemas.js';

export async function getRota(
  ctx: ActorContext,
  options: { schoolId: string; termId: string },
): Promise<RotaView> {
  const school = await rotaSchool(ctx, options.schoolId, 'rota.read');
  const term = await schoolTerm(ctx.db, school, options.termId);
  return rotaView(ctx, await loadRotaSetting(ctx, school, term));
}

export async function getCurrentRota(ctx: ActorContext, options: { schoolId: string }): Promise<RotaView> {
  const school = await rotaSchool(ctx, options.schoolId, 'rota.read');
  const term = await currentTerm(ctx.db, school, schoolDate(ctx.clock.now()));
  return rotaView(ctx, await loadRotaSetting(ctx, school, term));
}

export async function saveRota(
  ctx: ActorContext,
  options: { schoolId: string; termId: string; body: SaveRotaBody },
): Promise<RotaView> {
  const school = await rotaSchool(ctx, options.schoolId, 'rota.write');
  const term = await schoolTerm(ctx.db, school, options.termId);
  const duties: RotaDuty[] = options.body.days.flatMap((d) => [
    ...(d.dutyChiefStaffId
      ? [{ weekday: d.weekday, staffId: d.dutyChiefStaffId, duty: 'duty_chief' as const }]
      : []),
    ...d.managerStaffIds.map((staffId) => ({ weekday: d.weekday, staffId, duty: 'manager' as const })),
  ]);
  const now = ctx.clock.now();
  const setting = await ctx.db.transaction(async (tx) => {
    // One save at a time per school: the checks below read what the insert relies on.
    await tx.execute(sql`select 1 from schools where school_id = ${school.schoolId} for update`);
    const txCtx = { ...ctx, db: tx };
    const checked = await loadRotaSetting(txCtx, school, term, duties);
    // A day still without a chief is shown on the rota, not refused: the rota can be made day by day.
    const blocking = evaluateRota(checked.input).problems.filter(
      (p) => p.fromDuty && p.severity === 'error' && p.code !== 'no_duty_chief',
    );
    if (blocking.length > 0)
      throw new AppError('ROTA_INVALID', {
        zh: `值日安排有误：${blocking.map((p) => p.message.zh).join('；')}`,
        en: `The duty rota is not valid: ${blocking.map((p) => p.message.en).join('; ')}`,
        details: { problems: blocking },
      });
    await tx
      .delete(dutyAssignments)
      .where(and(eq(dutyAssignments.schoolId, school.schoolId), eq(dutyAssignments.termId, term.termId)));
    if (duties.length > 0)
      await tx
        .insert(dutyAssignments)
        .values(
          duties.map((d) => ({ schoolId: school.schoolId, termId: term.termId, ...d, createdAt: now })),
        );
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'rota.save',
      objectType: 'rota',
      objectId: term.termId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: { duties: duties.map((d) => `${d.weekday}:${d.duty}:${d.staffId}`) },
    });
    return checked;
  });
  return rotaView(ctx, setting);
}
