// Issue 13.5: unlock codes. Anyone who knows a username or phone can lock that account for 15
// minutes with 5 wrong guesses from two addresses (the price of the lock); the locked person need not
// wait. The school admin sees which of the school's people are locked and gives one an unlock code
// (read out on the phone, or handed over); the person types it on the login page with their username
// or phone. The code lifts the lock, and the throttle of the address it is typed from, and signs
// nobody in: the password is still needed. It is 8 digits like a sign-in code, valid an hour, works
// once, and only its hash is kept (login_codes, told apart by code-kinds.ts). Issue and use are
// audited.
import { and, asc, desc, eq, exists, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import { loginAttempts, loginCodes, schoolMemberships, users } from '../../../db/schema.js';
import { formatLoginCode, normaliseLoginCode, unlockCodeExpiry } from '../../../domain/login-code.js';
import { maskPhone } from '../../../domain/phone.js';
import { accountLock, windowStart } from '../../../domain/sign-in-limits.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext, UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import type { Role } from '../../policies/policy.js';
import { findAccount, normaliseIdentifier } from '../auth/login.js';
import { ACCOUNT_KEY_PREFIX, guardSignIn, recordSignIn, recordUnlock } from '../auth/sign-in-guard.js';
import { NO_USER, UNLOCK_HASH_PREFIX, unlockCodesOnly } from './code-kinds.js';
import { sameHash } from './code-login.js';
import { hashLoginCode, newLoginCode } from './issue-codes.js';
import type { LockedAccounts, UnlockCode } from './schemas.js';

/** The school's people (staff and guardians) whose sign-in is locked now. */
export async function lockedAccounts(ctx: ActorContext, schoolId: string): Promise<LockedAccounts> {
  const { db } = ctx;
  const scope = await loadSchoolScope(db, schoolId);
  authorize(ctx.actor, 'member.unlock', { regionPath: scope.regionPath, schoolId });
  const now = ctx.accountClock.now();
  const keys = db
    .select({ key: sql<string>`${ACCOUNT_KEY_PREFIX}::text || ${schoolMemberships.userId}::text` })
    .from(schoolMemberships)
    .where(and(eq(schoolMemberships.schoolId, schoolId), isNull(schoolMemberships.revokedAt)));
  const attempts = await db
    .select({ key: loginAttempts.identifier, at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.identifier, keys), gte(loginAttempts.at, windowStart(now))))
    .orderBy(loginAttempts.identifier, loginAttempts.at, loginAttempts.id);
  const byKey = new Map<string, { at: Date; succeeded: boolean; fromHere: boolean }[]>();
  for (const a of attempts) {
    const list = byKey.get(a.key) ?? [];
    list.push({ at: a.at, succeeded: a.succeeded === 1, fromHere: false });
    byKey.set(a.key, list);
  }
  const locks = new Map<string, { failures: number; secondsLeft: number }>();
  for (const [key, list] of byKey) {
    const lock = accountLock(list, now);
    if (lock)
      locks.set(key.slice(ACCOUNT_KEY_PREFIX.length), {
        failures: lock.failures,
        secondsLeft: lock.retryAfterSeconds,
      });
  }
  if (locks.size === 0) return { items: [] };
  const people = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      username: users.username,
      phone: users.phone,
      role: schoolMemberships.role,
    })
    .from(schoolMemberships)
    .innerJoin(users, eq(users.id, schoolMemberships.userId))
    .where(
      and(
        eq(schoolMemberships.schoolId, schoolId),
        isNull(schoolMemberships.revokedAt),
        isNull(users.disabledAt),
        inArray(schoolMemberships.userId, [...locks.keys()]),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id), asc(schoolMemberships.role));
  const items = new Map<string, LockedAccounts['items'][number]>();
  for (const p of people) {
    const lock = locks.get(p.userId);
    if (!lock) continue;
    const item = items.get(p.userId);
    if (item) {
      if (!item.roles.includes(p.role as Role)) item.roles.push(p.role as Role);
      continue;
    }
    items.set(p.userId, {
      userId: p.userId,
      displayName: p.displayName,
      username: p.username,
      maskedPhone: maskPhone(p.phone),
      roles: [p.role as Role],
      failures: lock.failures,
      lockedUntil: new Date(now.getTime() + lock.secondsLeft * 1000).toISOString(),
      secondsLeft: lock.secondsLeft,
    });
  }
  return { items: [...items.values()] };
}

const unlockHash = (userId: string, code: string) => `${UNLOCK_HASH_PREFIX}${hashLoginCode(userId, code)}`;

/** A new unlock code for one of the school's people; their older unused one stops working. */
export async function issueUnlockCode(
  ctx: ActorContext,
  input: { schoolId: string; userId: string },
): Promise<UnlockCode> {
  const { db, actor, meta } = ctx;
  const scope = await loadSchoolScope(db, input.schoolId);
  authorize(actor, 'member.unlock', { regionPath: scope.regionPath, schoolId: input.schoolId });
  const [person] = await db
    .select({ displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.id, input.userId),
        isNull(users.disabledAt),
        exists(
          db
            .select({ one: sql`1` })
            .from(schoolMemberships)
            .where(
              and(
                eq(schoolMemberships.schoolId, input.schoolId),
                eq(schoolMemberships.userId, users.id),
                isNull(schoolMemberships.revokedAt),
              ),
            ),
        ),
      ),
    );
  if (!person) throw new AppError('NOT_FOUND', { zh: '本校没有这个人', en: 'No such person at this school' });
  const now = ctx.accountClock.now();
  const code = newLoginCode();
  const expiresAt = unlockCodeExpiry(now);
  await db.transaction(async (tx) => {
    await tx
      .update(loginCodes)
      .set({ revokedAt: now })
      .where(
        and(
          eq(loginCodes.userId, input.userId),
          unlockCodesOnly,
          isNull(loginCodes.usedAt),
          isNull(loginCodes.revokedAt),
        ),
      );
    await tx.insert(loginCodes).values({
      userId: input.userId,
      codeHash: unlockHash(input.userId, code),
      schoolId: input.schoolId,
      issuedBy: actor.userId,
      issuedAt: now,
      expiresAt,
    });
    await recordAudit(tx, meta, {
      actorUserId: actor.userId,
      action: 'unlock_code.issue',
      objectType: 'user',
      objectId: input.userId,
      schoolId: input.schoolId,
      regionId: scope.regionId,
      at: now,
      // Never the code itself.
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return {
    userId: input.userId,
    displayName: person.displayName,
    code: formatLoginCode(code),
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * The login page's unlock: username or phone + the code. Answers the same whether the account exists
 * or not; attempts are throttled per address (3 per account, then the address cap) and never lock, so
 * that guessing codes cannot keep the real user from unlocking.
 */
export async function unlockAccount(
  ctx: UseCaseContext,
  input: { identifier: string; code: string },
): Promise<void> {
  const { db, accountClock, meta } = ctx;
  const now = accountClock.now();
  const identifier = normaliseIdentifier(input.identifier);
  const user = await findAccount(ctx, identifier);
  const subject = { userId: user?.id ?? null, identifier };
  await guardSignIn(ctx, subject, 'unlock');
  const code = normaliseLoginCode(input.code);
  const [open] = await db
    .select({ id: loginCodes.id, codeHash: loginCodes.codeHash, schoolId: loginCodes.schoolId })
    .from(loginCodes)
    .where(
      and(
        eq(loginCodes.userId, user && user.disabledAt === null ? user.id : NO_USER),
        unlockCodesOnly,
        isNull(loginCodes.usedAt),
        isNull(loginCodes.revokedAt),
        gt(loginCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(loginCodes.issuedAt), desc(loginCodes.id))
    .limit(1);
  let ok = Boolean(
    user &&
      open &&
      code &&
      sameHash(open.codeHash.slice(UNLOCK_HASH_PREFIX.length), hashLoginCode(user.id, code)),
  );
  if (ok && open) {
    // Once, even when two requests race with the same code.
    const used = await db
      .update(loginCodes)
      .set({ usedAt: now })
      .where(and(eq(loginCodes.id, open.id), isNull(loginCodes.usedAt)))
      .returning({ id: loginCodes.id });
    ok = used.length === 1;
  }
  await recordSignIn(ctx, subject, 'unlock', ok);
  if (!ok || !user || !open) {
    await recordAudit(db, meta, {
      actorUserId: user?.id ?? null,
      action: 'auth.unlock_failed',
      objectType: 'login',
      objectId: identifier,
      at: now,
    });
    throw new AppError('UNLOCK_CODE_INVALID');
  }
  await recordUnlock(ctx, user.id);
  await recordAudit(db, meta, {
    actorUserId: user.id,
    action: 'auth.unlock',
    objectType: 'user',
    objectId: user.id,
    schoolId: open.schoolId,
    at: now,
  });
}
