// First start of a production deployment: an empty database has no one to log in. `kehou serve`
// prints a one-time link; whoever opens it creates the top region and its first bureau
// administrator. The link works once, and not at all after any account exists.
import { randomBytes } from 'node:crypto';
import { count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { regionMemberships, regions, setupTokens, users } from '../../../db/schema.js';
import type { RegionLevel } from '../../../domain/school.js';
import { recordAudit } from '../../audit.js';
import type { UseCaseContext } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { hashToken } from '../auth/sessions.js';
import { insertUser, type NewUser, prepareUser } from '../members/create-user.js';

export async function setupNeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function issueSetupToken(db: Db): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.delete(setupTokens).where(isNull(setupTokens.usedAt));
    await tx.insert(setupTokens).values({ tokenHash: hashToken(token) });
  });
  return token;
}

export interface FirstAdminInput {
  region: { name: string; code: string; level: RegionLevel };
  admin: NewUser;
}

// Creates the top region and a bureau administrator for it. Used by the setup page (with a token)
// and by `kehou create-admin` (without: the operator at the console is trusted).
export async function createRegionAdmin(
  ctx: UseCaseContext,
  input: FirstAdminInput,
  options: { token?: string; regionCodeMayExist?: boolean } = {},
): Promise<{ userId: string; regionId: string }> {
  const prepared = await prepareUser(input.admin);
  return ctx.db
    .transaction(async (tx) => {
      if (options.token !== undefined) {
        // Serialises concurrent setups: the second waits, then finds the token used.
        const [token] = await tx
          .select()
          .from(setupTokens)
          .where(eq(setupTokens.tokenHash, hashToken(options.token)))
          .for('update');
        if (!token || token.usedAt) throw new AppError('SETUP_TOKEN_INVALID');
        const [existing] = await tx.select({ n: count() }).from(users);
        if ((existing?.n ?? 0) > 0) throw new AppError('SETUP_DONE');
        await tx
          .update(setupTokens)
          .set({ usedAt: ctx.clock.now() })
          .where(eq(setupTokens.tokenHash, token.tokenHash));
      }
      let [region] = await tx
        .select({ id: regions.id })
        .from(regions)
        .where(eq(regions.code, input.region.code));
      if (region && !options.regionCodeMayExist) throw new AppError('REGION_CODE_TAKEN');
      if (!region) {
        const id = crypto.randomUUID();
        [region] = await tx
          .insert(regions)
          .values({
            id,
            parentId: null,
            level: input.region.level,
            code: input.region.code,
            name: input.region.name,
            path: id,
          })
          .returning({ id: regions.id });
      }
      if (!region) throw new Error('region insert returned nothing');
      const userId = await insertUser(tx, prepared);
      await tx.insert(regionMemberships).values({ userId, regionId: region.id, role: 'bureau' });
      await recordAudit(tx, ctx.meta, {
        actorUserId: userId,
        action: options.token !== undefined ? 'setup.complete' : 'member.create',
        objectType: 'user',
        objectId: userId,
        regionId: region.id,
        at: ctx.clock.now(),
        details: { role: 'bureau', username: input.admin.username },
      });
      return { userId, regionId: region.id };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'regions_code_key')) throw new AppError('REGION_CODE_TAKEN');
      throw error;
    });
}
