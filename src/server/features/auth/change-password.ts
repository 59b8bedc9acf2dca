import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertNotLocked, recordAttempt } from './login.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.js';
import { endOtherSessions } from './sessions.js';

export async function changePassword(
  ctx: ActorContext & { sessionTokenHash: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { db, actor, meta } = ctx;
  const [user] = await db
    .select({ passwordHash: users.passwordHash, username: users.username, phone: users.phone })
    .from(users)
    .where(eq(users.id, actor.userId));
  // Someone holding an unattended session must not be able to guess the password behind it.
  const attemptKey = `#password-change:${actor.userId}`;
  await assertNotLocked(ctx, attemptKey, { actorUserId: actor.userId });
  const ok = Boolean(user?.passwordHash && (await verifyPassword(user.passwordHash, input.currentPassword)));
  await recordAttempt(ctx, attemptKey, ok);
  if (!ok || !user) throw new AppError('WRONG_PASSWORD');
  assertAcceptablePassword(input.newPassword, user, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.accountClock.now() })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, meta, {
      actorUserId: actor.userId,
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: actor.userId,
      at: ctx.clock.now(),
    });
  });
  await endOtherSessions(db, actor.userId, ctx.sessionTokenHash);
}
