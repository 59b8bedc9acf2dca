// Login by username or phone + password. Guesses are counted per account and per address
// (sign-in-guard.ts): 3 from one address, then that address waits; 5 from anywhere lock the account.
import { and, eq, gte, sql } from 'drizzle-orm';
import { loginAttempts, users } from '../../../db/schema.js';
import { accountLock, windowStart } from '../../../domain/sign-in-limits.js';
import { recordAudit } from '../../audit.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { guardSignIn, recordSignIn } from './sign-in-guard.js';

// A phone number is accepted as people type it: with spaces or dashes, with +86 or 0086 in front.
export function normaliseIdentifier(identifier: string): string {
  const trimmed = identifier.trim().toLowerCase();
  const digits = trimmed.replace(/[\s-]/g, '');
  const phone = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(digits);
  return phone?.[1] ?? trimmed;
}

// The current-password check of a password change (per user, `#password-change:<userId>`): refuses
// while the key has 5 failures in the last 15 minutes since its last success, so that someone at an
// unattended session cannot guess the password behind it at the general rate limit. Sign-ins are
// counted per account and address instead (sign-in-guard.ts).
export async function assertNotLocked(
  ctx: UseCaseContext,
  identifier: string,
  audit: { actorUserId: string | null },
): Promise<void> {
  const { db, accountClock: clock, meta } = ctx;
  const now = clock.now();
  const attempts = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.identifier, identifier), gte(loginAttempts.at, windowStart(now))))
    .orderBy(loginAttempts.at, loginAttempts.id);
  const locked = accountLock(
    attempts.map((a) => ({ at: a.at, succeeded: a.succeeded === 1, fromHere: true })),
    now,
  );
  if (!locked) return;
  const minutes = Math.ceil(locked.retryAfterSeconds / 60);
  await recordAudit(db, meta, {
    actorUserId: audit.actorUserId,
    action: 'auth.locked',
    objectType: 'login',
    objectId: identifier,
    at: now,
    details: { failures: locked.failures },
  });
  throw new AppError('LOGIN_LOCKED', {
    zh: `密码错误次数过多，已暂时锁定，请 ${minutes} 分钟后再试`,
    en: `Too many wrong passwords; locked for now, try again in ${minutes} min`,
    details: { retryAfterSeconds: locked.retryAfterSeconds },
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

/** The account a typed identifier names (username in any case, or phone), if any. */
export async function findAccount(
  ctx: UseCaseContext,
  identifier: string,
): Promise<{ id: string; passwordHash: string | null; disabledAt: Date | null } | undefined> {
  const [user] = await ctx.db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.username}) = ${identifier} or ${users.phone} = ${identifier}`)
    .limit(1);
  return user;
}

export async function login(
  ctx: UseCaseContext,
  input: { identifier: string; password: string },
): Promise<{ userId: string; token: string; csrfToken: string }> {
  const { db, accountClock: clock, meta } = ctx;
  const identifier = normaliseIdentifier(input.identifier);
  const now = clock.now();
  // Known or not, the same statements and (with verifyAgainstNothing) the same time.
  const user = await findAccount(ctx, identifier);
  const subject = { userId: user?.id ?? null, identifier };
  await guardSignIn(ctx, subject, 'sign_in');
  const ok =
    user?.passwordHash && user.disabledAt === null
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstNothing(input.password);

  await recordSignIn(ctx, subject, 'sign_in', Boolean(ok));
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
