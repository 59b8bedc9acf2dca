// Terms (学期) of a region with the unified start date (B 六(五) 课后服务统一启动时间). A school uses its
// county's terms and, for the dates they do not cover, those of the regions above (domain/terms.ts).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { terms } from '../../../db/schema.js';
import { daysBetween } from '../../../domain/dates.js';
import { overlappingTerm, termsInForce } from '../../../domain/terms.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { authorize, loadRegionScope, loadSchoolScope } from '../../policies/authorize.js';

export type TermRow = typeof terms.$inferSelect;

export function termView(row: TermRow) {
  return {
    id: row.termId,
    regionId: row.regionId,
    code: row.code,
    name: row.name,
    firstDay: row.firstDay,
    lastDay: row.lastDay,
    unifiedStartDate: row.unifiedStartDate,
  };
}
export type TermView = ReturnType<typeof termView>;

// The terms in force below a region, oldest first: its own, and those of the regions above it for
// the dates it has none of (domain/terms.ts).
export async function applicableTerms(db: Db, regionPath: string): Promise<TermRow[]> {
  const chain = regionPath.split('/');
  const rows = await db
    .select()
    .from(terms)
    .where(inArray(terms.regionId, chain))
    .orderBy(asc(terms.firstDay));
  return termsInForce(chain, rows);
}

export async function loadTerm(db: Db, termId: string): Promise<TermRow> {
  const [row] = await db.select().from(terms).where(eq(terms.termId, termId));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该学期', en: 'No such term' });
  return row;
}

// A term of a school: one of the terms that apply to it, found by code (public notice addresses).
export async function termOfSchoolByCode(db: Db, regionPath: string, code: string): Promise<TermRow | null> {
  return (await applicableTerms(db, regionPath)).find((t) => t.code === code) ?? null;
}

interface TermInput {
  code: string;
  name: string;
  firstDay: string;
  lastDay: string;
  unifiedStartDate?: string | null | undefined;
}

function checkTermDates(input: {
  firstDay: string;
  lastDay: string;
  unifiedStartDate?: string | null | undefined;
}) {
  const field = (path: string, zh: string, en: string) =>
    new AppError('VALIDATION_FAILED', { zh, en, details: { fields: [{ path, message: `${zh} / ${en}` }] } });
  if (input.lastDay < input.firstDay) {
    throw field('body.lastDay', '学期结束日期不能早于开始日期', 'The last day is before the first day');
  }
  // A term is at most about half a year (秋季学期 runs from September into January).
  if (daysBetween(input.firstDay, input.lastDay) > 200) {
    throw field('body.lastDay', '一个学期不能超过 200 天', 'A term cannot be longer than 200 days');
  }
  const start = input.unifiedStartDate;
  if (start && (start < input.firstDay || start > input.lastDay)) {
    // B 六(五): 课后服务统一启动时间 — a date within the term.
    throw field(
      'body.unifiedStartDate',
      '统一启动日期须在学期之内',
      'The unified start date must be within the term',
    );
  }
}

function duplicateCode(code: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh: `学期代码 ${code} 已存在`,
    en: `A term with code ${code} already exists`,
    details: { fields: [{ path: 'body.code', message: '学期代码已存在 / The term code exists' }] },
  });
}

// One region's terms never share a date, so the term in force on a day is one (domain/terms.ts).
// Checked under a lock of the region's terms, so two writes cannot both pass.
async function refuseOverlap(
  tx: Db,
  regionId: string,
  candidate: { code?: string; firstDay: string; lastDay: string },
  exceptTermId: string | null,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`terms:${regionId}`}))`);
  const others = (await tx.select().from(terms).where(eq(terms.regionId, regionId))).filter(
    (t) => t.termId !== exceptTermId,
  );
  // The same code again is told as such (the unique key would refuse it too).
  if (candidate.code !== undefined && others.some((t) => t.code === candidate.code)) {
    throw duplicateCode(candidate.code);
  }
  const other = overlappingTerm(others, candidate);
  if (!other) return;
  const zh = `与本地区的学期“${other.name}”（${other.firstDay} 至 ${other.lastDay}）日期重叠`;
  const en = `The dates overlap the region's term “${other.name}” (${other.firstDay} to ${other.lastDay})`;
  throw new AppError('VALIDATION_FAILED', {
    zh,
    en,
    details: {
      fields: [{ path: 'body.firstDay', message: `${zh} / ${en}` }],
      overlaps: { termId: other.termId, code: other.code, firstDay: other.firstDay, lastDay: other.lastDay },
    },
  });
}

export async function listRegionTerms(ctx: ActorContext, regionId: string): Promise<TermView[]> {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'term.read', { regionPath: region.path });
  return (await applicableTerms(ctx.db, region.path)).map(termView);
}

export async function listSchoolTerms(ctx: ActorContext, schoolId: string): Promise<TermView[]> {
  const school = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'school.read', { regionPath: school.regionPath, schoolId });
  return (await applicableTerms(ctx.db, school.regionPath)).map(termView);
}

export async function createTerm(ctx: ActorContext, regionId: string, input: TermInput): Promise<TermView> {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'term.write', { regionPath: region.path });
  checkTermDates(input);
  const row = await ctx.db
    .transaction(async (tx) => {
      await refuseOverlap(tx, regionId, input, null);
      const [created] = await tx
        .insert(terms)
        .values({
          regionId,
          code: input.code,
          name: input.name,
          firstDay: input.firstDay,
          lastDay: input.lastDay,
          unifiedStartDate: input.unifiedStartDate ?? null,
        })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'term.create',
        objectType: 'term',
        objectId: created.termId,
        regionId,
        at: ctx.clock.now(),
        details: { code: input.code, firstDay: input.firstDay, lastDay: input.lastDay },
      });
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'terms_region_code_key')) throw duplicateCode(input.code);
      throw error;
    });
  return termView(row);
}

export async function updateTerm(
  ctx: ActorContext,
  termId: string,
  input: Partial<Omit<TermInput, 'code'>>,
): Promise<TermView> {
  const current = await loadTerm(ctx.db, termId);
  const region = await loadRegionScope(ctx.db, current.regionId);
  authorize(ctx.actor, 'term.write', { regionPath: region.path });
  const next = {
    name: input.name ?? current.name,
    firstDay: input.firstDay ?? current.firstDay,
    lastDay: input.lastDay ?? current.lastDay,
    unifiedStartDate:
      input.unifiedStartDate === undefined ? current.unifiedStartDate : input.unifiedStartDate,
  };
  checkTermDates(next);
  const [row] = await ctx.db.transaction(async (tx) => {
    await refuseOverlap(tx, current.regionId, next, termId);
    const updated = await tx
      .update(terms)
      .set(next)
      .where(and(eq(terms.termId, termId)))
      .returning();
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'term.update',
      objectType: 'term',
      objectId: termId,
      regionId: current.regionId,
      at: ctx.clock.now(),
      details: { changed: Object.keys(input) },
    });
    return updated;
  });
  if (!row) throw new AppError('NOT_FOUND');
  return termView(row);
}
