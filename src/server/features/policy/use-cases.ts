// F-01 一县一策: a region's policy, versioned from effective dates.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { policyVersions, regions, users } from '../../../db/schema.js';
import { chineseDate } from '../../../domain/dates.js';
import {
  defaultPolicy,
  earliestEffectiveDate,
  normalizePolicy,
  policyChanges,
  policyInForce,
  type RegionPolicy,
  validatePolicy,
} from '../../../domain/policy.js';
import { termOn } from '../../../domain/terms.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadRegionScope } from '../../policies/authorize.js';
import { isParentBureau } from '../../policies/policy.js';
import { applicableTerms } from '../terms/use-cases.js';
import type { PolicyVersionView } from './schemas.js';

type Row = typeof policyVersions.$inferSelect & { createdByName: string | null };

// The versions that apply to a region: its own, or else those of the nearest region above it that
// has any (a city's policy holds for its counties until a county sets its own).
export async function applicablePolicyVersions(
  db: Db,
  regionPath: string,
): Promise<{ sourceRegionId: string | null; sourceRegionName: string | null; rows: Row[] }> {
  const chain = regionPath.split('/');
  const rows = await db
    .select({
      versionId: policyVersions.versionId,
      regionId: policyVersions.regionId,
      version: policyVersions.version,
      effectiveFrom: policyVersions.effectiveFrom,
      policy: policyVersions.policy,
      note: policyVersions.note,
      createdBy: policyVersions.createdBy,
      createdAt: policyVersions.createdAt,
      createdByName: users.displayName,
    })
    .from(policyVersions)
    .leftJoin(users, eq(users.id, policyVersions.createdBy))
    .where(inArray(policyVersions.regionId, chain))
    .orderBy(asc(policyVersions.version));
  for (const regionId of [...chain].reverse()) {
    // A row written before a field existed takes the field's default (normalizePolicy).
    const own = rows
      .filter((r) => r.regionId === regionId)
      .map((r) => ({ ...r, policy: normalizePolicy(r.policy) }));
    if (own.length > 0) {
      const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.id, regionId));
      return { sourceRegionId: regionId, sourceRegionName: region?.name ?? null, rows: own };
    }
  }
  return { sourceRegionId: null, sourceRegionName: null, rows: [] };
}

function view(rows: Row[]): PolicyVersionView[] {
  return rows.map((row, i) => {
    const previous = rows[i - 1];
    return {
      versionId: row.versionId,
      version: row.version,
      effectiveFrom: row.effectiveFrom,
      policy: row.policy,
      note: row.note,
      createdAt: row.createdAt.toISOString(),
      createdByName: row.createdByName,
      changes: previous ? policyChanges(previous.policy, row.policy) : [],
    };
  });
}

// The earliest effective date this actor may give a new version of the region, and why.
async function effectiveDateFloor(ctx: ActorContext, region: { id: string; path: string }, today: string) {
  const [owned] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(policyVersions)
    .where(eq(policyVersions.regionId, region.id));
  const firstOwnVersion = (owned?.n ?? 0) === 0;
  const byParentBureau = isParentBureau(ctx.actor, region.path);
  const termInForce = termOn(await applicableTerms(ctx.db, region.path), today);
  return {
    earliest: earliestEffectiveDate({ today, firstOwnVersion, byParentBureau, termInForce }),
    firstOwnVersion,
    byParentBureau,
  };
}

export async function getRegionPolicy(ctx: ActorContext, regionId: string) {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'policy.read', { regionPath: region.path });
  const { sourceRegionId, sourceRegionName, rows } = await applicablePolicyVersions(ctx.db, region.path);
  const versions = view(rows);
  const today = schoolDate(ctx.clock.now());
  return {
    regionId,
    sourceRegionId,
    sourceRegionName,
    versions,
    inForce: policyInForce(versions, today),
    // For the form: the earliest effective date this user may give a new version (a first version,
    // or one by the parent bureau, may start with the term in force).
    earliestEffectiveFrom: (await effectiveDateFloor(ctx, region, today)).earliest,
    defaults: { 'pilot-4': defaultPolicy('pilot-4'), '5+2': defaultPolicy('5+2') },
  };
}

export async function createPolicyVersion(
  ctx: ActorContext,
  regionId: string,
  input: { effectiveFrom: string; policy: RegionPolicy; note?: string | null | undefined },
): Promise<PolicyVersionView> {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'policy.write', { regionPath: region.path });
  const problems = validatePolicy(input.policy);
  if (problems.length > 0) {
    const fields = problems.map((p) => ({
      path: `body.policy.${p.field}`,
      message: `${p.message.zh} / ${p.message.en}`,
    }));
    throw new AppError('VALIDATION_FAILED', {
      zh: `政策参数有误：${problems.map((p) => p.message.zh).join('；')}`,
      en: `The policy is not valid: ${problems.map((p) => p.message.en).join('; ')}`,
      details: { fields },
    });
  }
  // Past terms keep the version they used: a new version takes effect today or later, never back —
  // but a region's first version, or one its parent bureau publishes, may start with the term in
  // force (a county that joins mid-term; domain/policy.ts earliestEffectiveDate).
  const today = schoolDate(ctx.clock.now());
  const { earliest, firstOwnVersion, byParentBureau } = await effectiveDateFloor(ctx, region, today);
  if (input.effectiveFrom < earliest) {
    const zh =
      earliest === today
        ? `生效日期不能早于今天（${chineseDate(today)}）`
        : `生效日期不能早于本学期第一天（${chineseDate(earliest)}）`;
    const en =
      earliest === today
        ? `The effective date cannot be before today (${today})`
        : `The effective date cannot be before the first day of the term in force (${earliest})`;
    throw new AppError('VALIDATION_FAILED', {
      zh,
      en,
      details: { fields: [{ path: 'body.effectiveFrom', message: `${zh} / ${en}` }], earliest },
    });
  }
  const backdated = input.effectiveFrom < today;
  const created = await ctx.db.transaction(async (tx) => {
    // One writer at a time per region, so version numbers stay 1, 2, 3…
    await tx.execute(sql`select 1 from ${regions} where ${regions.id} = ${regionId} for update`);
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${policyVersions.version}), 0)::int` })
      .from(policyVersions)
      .where(eq(policyVersions.regionId, regionId));
    const [row] = await tx
      .insert(policyVersions)
      .values({
        regionId,
        version: (last?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        policy: input.policy,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning({ versionId: policyVersions.versionId, version: policyVersions.version });
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'policy.create_version',
      objectType: 'policy_version',
      objectId: row.versionId,
      regionId,
      at: ctx.clock.now(),
      details: {
        version: row.version,
        effectiveFrom: input.effectiveFrom,
        model: input.policy.model,
        // Taking effect before the day it was published: whose right it used (first version, or the
        // parent bureau's), for the record.
        ...(backdated
          ? { backdated: { from: input.effectiveFrom, publishedOn: today, firstOwnVersion, byParentBureau } }
          : {}),
      },
    });
    return row;
  });
  const { rows } = await applicablePolicyVersions(ctx.db, region.path);
  const own = view(rows.filter((r) => r.regionId === regionId));
  const found = own.find((v) => v.versionId === created.versionId);
  if (!found) throw new Error('created version not found');
  return found;
}
