// F-30 notifications: one adapter interface, so that absence, pickup, escalation and sign-in-code
// messages are written once whatever carries them. The in-app store (the message centre of guardians
// and staff) is the adapter every deployment has; an SMS or WeChat adapter would forward the same
// message. Delivery happens in the caller's transaction: a message exists exactly when the change
// that caused it committed.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { notifications } from '../db/schema.js';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Message {
  schoolId: string;
  userId: string;
  // A stable kind, e.g. 'login_code', 'application_decided', 'absence'.
  kind: string;
  title: Bilingual;
  body: Bilingual;
  data?: Record<string, unknown>;
  // When it was sent, by the request's clock (`ctx.clock`; the demo clock in the demo), never the
  // database's now(): the message centre and the alerts show this time (issue 14.14).
  at: Date;
}

export interface Notifier {
  send(db: Pick<Db, 'insert'>, messages: readonly Message[]): Promise<void>;
}

export const inAppNotifier: Notifier = {
  async send(db, messages) {
    if (messages.length === 0) return;
    await db.insert(notifications).values(
      messages.map((m) => ({
        schoolId: m.schoolId,
        userId: m.userId,
        kind: m.kind,
        title: m.title,
        body: m.body,
        data: m.data ?? null,
        createdAt: m.at,
      })),
    );
  },
};

export async function listNotifications(db: Db, userId: string, limit: number) {
  const items = await db
    .select({
      id: notifications.notificationId,
      schoolId: notifications.schoolId,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  const [unread] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { items, unread: unread?.n ?? 0 };
}
