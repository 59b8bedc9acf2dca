// F-27: signing in with a one-time code (phone + code), counted and locked exactly like a password
// login: the same per-account count in login_attempts, so codes and passwords together get 5 guesses
// in 15 minutes (3 from one address). A code works once, until it expires or a newer one is issued.
import { timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { loginCodes } from '../../../db/schema.js';
import { normaliseLoginCode } from '../../../domain/login-code.js';
import { normaliseMobile } from '../../../domain/phone.js';
import { recordAudit } from '../../audit.js';
import type { UseCaseContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findAccount, normaliseIdentifier } from '../auth/login.js';
import { createSession } from '../auth/sessions.js';
import { guardSignIn, recordSignIn } from '../auth/sign-in-guard.js';
import { NO_USER, signInCodesOnly } from './code-kinds.js';
import { hashLoginCode } from './issue-codes.js';

export function sameHash(a: string, b: string): boolean {
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
  // Counted as a password login for what was typed would be (sign-in-guard.ts): the same account,
  // the same 5 guesses in 15 minutes, 3 of them from one address.
  const identifier = phone ?? normaliseIdentifier(input.phone);
  const user = await findAccount(ctx, identifier);
  const subject = { userId: user?.id ?? null, identifier };
  await guardSignIn(ctx, subject, 'sign_in');
  const code = normaliseLoginCode(input.code);
  // Known or not, the same statements.
  const [open] = await db
    .select({ id: loginCodes.id, codeHash: loginCodes.codeHash, schoolId: loginCodes.schoolId })
    .from(loginCodes)
    .where(
      and(
        eq(loginCodes.userId, user && user.disabledAt === null && phone ? user.id : NO_USER),
        signInCodesOnly,
        isNull(loginCodes.usedAt),
        isNull(loginCodes.revokedAt),
        gt(loginCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(loginCodes.issuedAt), desc(loginCodes.id))
    .limit(1);
  const ok = Boolean(user && open && code && sameHash(open.codeHash, hashLoginCode(user.id, code)));
  await recordSignIn(ctx, subject, 'sign_in', ok);
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
