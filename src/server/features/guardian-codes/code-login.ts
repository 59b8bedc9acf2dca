// F-27: signing in with a one-time code (phone + code), counted and locked exactly like a password
// login: the same per-phone count in login_attempts, so codes and passwords together get 5 guesses
// in 15 minutes. A code works once, until it expires or a newer one is issued.
import { timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { loginCodes, users } from '../../../db/schema.js';
import { normaliseLoginCode } from '../../../domain/login-code.js';
import { normaliseMobile } from '../../../domain/phone.js';
import { recordAudit } from '../../audit.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertNotLocked, normaliseIdentifier, recordAttempt } from '../auth/login.js';
import { createSession } from '../auth/sessions.js';
import { hashLoginCode } from './issue-codes.js';

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function loginWithCode(
  ctx: UseCaseContext,
  input: { phone: string; code: string },
): Promise<{ userId: string; token: string; csrfToken: string }> {
  const { db, accountClock: clock, meta } = ctx;
  const now = clock.now();
  const phone = normaliseMobile(input.phone);
  // The lockout key is the one a password login for this phone uses.
  const identifier = phone ?? normaliseIdentifier(input.phone);
  await assertNotLocked(ctx, identifier, { actorUserId: null });
  const code = normaliseLoginCode(input.code);
  const [user] = phone
    ? await db
        .select({ id: users.id, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.phone, phone))
        .limit(1)
    : [];
  const [open] =
    user && user.disabledAt === null
      ? await db
          .select({ id: loginCodes.id, codeHash: loginCodes.codeHash, schoolId: loginCodes.schoolId })
          .from(loginCodes)
          .where(
            and(
              eq(loginCodes.userId, user.id),
              isNull(loginCodes.usedAt),
              isNull(loginCodes.revokedAt),
              gt(loginCodes.expiresAt, now),
            ),
          )
          .orderBy(desc(loginCodes.issuedAt), desc(loginCodes.id))
          .limit(1)
      : [];
  const ok = Boolean(user && open && code && sameHash(open.codeHash, hashLoginCode(user.id, code)));
  await recordAttempt(ctx, identifier, ok);
  if (!ok || !user || !open) {
    await recordAudit(db, meta, {
      actorUserId: user?.id ?? null,
      action: 'auth.code_login_failed',
      objectType: 'login',
      objectId: identifier,
      at: now,
    });
    throw new AppError('LOGIN_CODE_INVALID');
  }
  // Single use even when two requests race with the same code: only one update finds it unused.
  const used = await db
    .update(loginCodes)
    .set({ usedAt: now })
    .where(and(eq(loginCodes.id, open.id), isNull(loginCodes.usedAt)))
    .returning({ id: loginCodes.id });
  if (used.length === 0) throw new AppError('LOGIN_CODE_INVALID');
  const session = await createSession(db, { userId: user.id, clock, meta });
  await recordAudit(db, meta, {
    actorUserId: user.id,
    action: 'auth.code_login',
    objectType: 'user',
    objectId: user.id,
    schoolId: open.schoolId,
    at: now,
  });
  return { userId: user.id, ...session };
}
