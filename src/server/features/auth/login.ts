// Login by username or phone + password, with lockout after 5 failures in 15 minutes.
import { and, eq, gte, sql } from 'drizzle-orm';
import { loginAttempts, users } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

// A phone number is accepted as people type it: with spaces or dashes, with +86 or 0086 in front.
export function normaliseIdentifier(identifier: string): string {
  const trimmed = identifier.trim().toLowerCase();
  const digits = trimmed.replace(/[\s-]/g, '');
  const phone = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(digits);
  return phone?.[1] ?? trimmed;
}

// Refuses while `identifier` has 5 failures in the last 15 minutes since its last success. Used for
// login (per account name) and for the current-password check of a password change (per user), so
// that neither can be guessed at the general rate limit.
export async function assertNotLocked(
  ctx: UseCaseContext,
  identifier: string,
  audit: { actorUserId: string | null },
): Promise<void> {
  const { db, accountClock: clock, meta } = ctx;
  const now = clock.now();
  const windowStart = new Date(now.getTime() - LOCKOUT_WINDOW_MS);
  const attempts = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.identifier, identifier), gte(loginAttempts.at, windowStart)))
    .orderBy(loginAttempts.at, loginAttempts.id);
  const lastSuccess = attempts.findLastIndex((a) => a.succeeded === 1);
  const failures = attempts.slice(lastSuccess + 1);
  if (failures.length < LOCKOUT_FAILURES) return;
  const oldest = failures[failures.length - LOCKOUT_FAILURES]?.at ?? now;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((oldest.getTime() + LOCKOUT_WINDOW_MS - now.getTime()) / 1000),
  );
  const minutes = Math.ceil(retryAfterSeconds / 60);
  await recordAudit(db, meta, {
    actorUserId: audit.actorUserId,
    action: 'auth.locked',
    objectType: 'login',
    objectId: identifier,
    at: now,
    details: { failures: failures.length },
  });
  throw new AppError('LOGIN_LOCKED', {
    zh: `密码错误次数过多，已暂时锁定，请 ${minutes} 分钟后再试`,
    en: `Too many wrong passwords; locked for now, try again in ${minutes} min`,
    details: { retryAfterSeconds },
  });
}

export async function recordAttempt(
  ctx: UseCaseContext,
  identifier: string,
  succeeded: boolean,
): Promise<void> {
  await ctx.db
    .insert(loginAttempts)
    .values({ identifier, at: ctx.accountClock.now(), succeeded: succeeded ? 1 : 0, ip: ctx.meta.ip });
}

export async function login(
  ctx: UseCaseContext,
  input: { identifier: string; password: string },
): Promise<{ userId: string; token: string; csrfToken: string }> {
  const { db, accountClock: clock, meta } = ctx;
  const identifier = normaliseIdentifier(input.identifier);
  const now = clock.now();
  await assertNotLocked(ctx, identifier, { actorUserId: null });

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.username}) = ${identifier} or ${users.phone} = ${identifier}`)
    .limit(1);
  const ok =
    user?.passwordHash && user.disabledAt === null
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstNothing(input.password);

  await recordAttempt(ctx, identifier, Boolean(ok));
  if (!ok || !user) {
    await recordAudit(db, meta, {
      actorUserId: user?.id ?? null,
      action: 'auth.login_failed',
      objectType: 'login',
      objectId: identifier,
      at: now,
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const session = await createSession(db, { userId: user.id, clock, meta });
  await recordAudit(db, meta, {
    actorUserId: user.id,
    action: 'auth.login',
    objectType: 'user',
    objectId: user.id,
    at: now,
  });
  return { userId: user.id, ...session };
}
