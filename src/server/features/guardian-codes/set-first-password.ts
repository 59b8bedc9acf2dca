// After a sign-in with a one-time code the account has no password: this sets the first one, without
// a current password (there is none). An account that has a password changes it the usual way.
import { and, eq, isNull } from 'drizzle-orm';
import { loginCodes, users } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.js';
import { endOtherSessions } from '../auth/sessions.js';

export async function setFirstPassword(
  ctx: ActorContext & { sessionTokenHash: string },
  input: { newPassword: string },
): Promise<void> {
  const { db, actor } = ctx;
  const [user] = await db
    .select({ passwordHash: users.passwordHash, username: users.username, phone: users.phone })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.passwordHash !== null) throw new AppError('PASSWORD_ALREADY_SET');
  assertAcceptablePassword(input.newPassword, user, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.accountClock.now();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now })
      .where(and(eq(users.id, actor.userId), isNull(users.passwordHash)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError('PASSWORD_ALREADY_SET');
    // Codes still open for this account are of no more use and must not become a second way in.
    await tx
      .update(loginCodes)
      .set({ revokedAt: now })
      .where(
        and(eq(loginCodes.userId, actor.userId), isNull(loginCodes.usedAt), isNull(loginCodes.revokedAt)),
      );
    await recordAudit(tx, ctx.meta, {
      actorUserId: actor.userId,
      action: 'auth.first_password',
      objectType: 'user',
      objectId: actor.userId,
      at: now,
    });
  });
  await endOtherSessions(db, actor.userId, ctx.sessionTokenHash);
}
