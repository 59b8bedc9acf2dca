// F-30 message centre: the signed-in user's own in-app notifications (guardians and staff alike).
// Scoped by construction: every query is by the actor's user id.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notifications } from '../../../db/schema.js';
import { listNotifications } from '../../notifications.js';
import { errorResponse, queryInteger } from '../../schemas.js';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const notificationSchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  kind: z.string(),
  title: bilingual,
  body: bilingual,
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的消息 / My messages',
        querystring: z.strictObject({ limit: queryInteger(1, 200).default(50) }),
        response: {
          200: z.object({ items: z.array(notificationSchema), unread: z.number().int() }),
          400: errorResponse,
          401: errorResponse,
        },
      },
    },
    async (request) => {
      const { db, actor } = await request.requireActor();
      const { items, unread } = await listNotifications(db, actor.userId, request.query.limit);
      return {
        items: items.map((i) => ({
          ...i,
          createdAt: i.createdAt.toISOString(),
          readAt: i.readAt?.toISOString() ?? null,
        })),
        unread,
      };
    },
  );

  app.post(
    '/api/me/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标记为已读 / Mark messages as read',
        body: z.strictObject({ ids: z.array(z.uuid()).min(1).max(200) }),
        response: { 200: z.object({ updated: z.number().int() }), 400: errorResponse, 401: errorResponse },
      },
    },
    async (request) => {
      const { db, actor, clock } = await request.requireActor();
      const rows = await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(
          and(
            eq(notifications.userId, actor.userId),
            inArray(notifications.notificationId, request.body.ids),
            isNull(notifications.readAt),
          ),
        )
        .returning({ id: notifications.notificationId });
      return { updated: rows.length };
    },
  );
};

export default routes;
