// F-04: a region's own calendar entries over the official holidays (一县一策), and the dates a region
// must enter for a year the holiday package lacks.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { calendarOverrides } from '../../../db/schema.js';
import {
  type CalendarOverride,
  officialDaysOfYear,
  overrideProblemMessages,
  overrideProblems,
  packageCoversYear,
  packageYears,
  provisionalHolidays,
} from '../../../domain/calendar.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadRegionScope } from '../../policies/authorize.js';

// The entries that hold in a region: those of every region above it and its own, the nearer
// region's entry winning for a date (a county may correct its city).
export async function applicableCalendarOverrides(db: Db, regionPath: string): Promise<CalendarOverride[]> {
  const chain = regionPath.split('/');
  const rows = await db
    .select()
    .from(calendarOverrides)
    .where(inArray(calendarOverrides.regionId, chain))
    .orderBy(asc(calendarOverrides.date));
  const byDate = new Map<string, { depth: number; entry: CalendarOverride }>();
  for (const row of rows) {
    const depth = chain.indexOf(row.regionId);
    const seen = byDate.get(row.date);
    if (!seen || depth > seen.depth) {
      byDate.set(row.date, {
        depth,
        entry: { date: row.date, kind: row.kind, name: row.name, confirmed: row.confirmed },
      });
    }
  }
  return [...byDate.values()].map((v) => v.entry).sort((a, b) => a.date.localeCompare(b.date));
}

export async function getRegionCalendar(ctx: ActorContext, regionId: string, year: number) {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'policy.read', { regionPath: region.path });
  const all = await applicableCalendarOverrides(ctx.db, region.path);
  const own = await ctx.db
    .select({ date: calendarOverrides.date })
    .from(calendarOverrides)
    .where(eq(calendarOverrides.regionId, regionId));
  const ownDates = new Set(own.map((o) => o.date));
  const inYear = all.filter((o) => o.date.startsWith(`${year}-`));
  return {
    regionId,
    year,
    packageYears: packageYears(),
    packageCoversYear: packageCoversYear(year),
    // For a year the package covers: its holidays and make-up working days, read-only beside the
    // region's own entries (which win for a date, see officialDay).
    official: officialDaysOfYear(year),
    // For a year the package lacks: the statutory holidays computed from the law, to be confirmed
    // once the State Council's notice is out (it adds bridge days and 调休 that cannot be computed).
    provisional: provisionalHolidays(year).map((h) => ({
      date: h.date,
      name: h.name,
      confirmed: inYear.some((o) => o.date === h.date && o.kind === 'holiday' && o.confirmed),
    })),
    overrides: inYear.map((o) => ({ ...o, inherited: !ownDates.has(o.date) })),
  };
}

export async function putCalendarOverride(ctx: ActorContext, regionId: string, entry: CalendarOverride) {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'calendar.write', { regionPath: region.path });
  const [problem] = overrideProblems([entry]);
  if (problem) {
    const m = overrideProblemMessages[problem.problem];
    throw new AppError('VALIDATION_FAILED', {
      zh: m.zh,
      en: m.en,
      details: {
        fields: [
          {
            path: problem.problem === 'invalid_date' ? 'params.date' : 'body.kind',
            message: `${m.zh} / ${m.en}`,
          },
        ],
      },
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(calendarOverrides)
      .values({ regionId, ...entry, createdBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: [calendarOverrides.regionId, calendarOverrides.date],
        set: { kind: entry.kind, name: entry.name, confirmed: entry.confirmed, createdBy: ctx.actor.userId },
      });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'calendar.set',
      objectType: 'calendar_day',
      objectId: entry.date,
      regionId,
      at: ctx.clock.now(),
      details: { kind: entry.kind, name: entry.name, confirmed: entry.confirmed },
    });
  });
  return entry;
}

export async function deleteCalendarOverride(ctx: ActorContext, regionId: string, date: string) {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'calendar.write', { regionPath: region.path });
  const removed = await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(calendarOverrides)
      .where(and(eq(calendarOverrides.regionId, regionId), eq(calendarOverrides.date, date)))
      .returning();
    if (gone.length > 0) {
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'calendar.remove',
        objectType: 'calendar_day',
        objectId: date,
        regionId,
        at: ctx.clock.now(),
      });
    }
    return gone.length;
  });
  if (removed === 0)
    throw new AppError('NOT_FOUND', {
      zh: '该日期没有本地区的设置',
      en: 'This region has no entry for that date',
    });
}
