import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse, mobilePhone, text, username } from '../../schemas.js';
import { sessionBody, setSessionCookie } from '../auth/routes.js';
import { sessionResponse } from '../auth/schemas.js';
import { createSession } from '../auth/sessions.js';
import { regionCode } from '../regions/routes.js';
import { createRegionAdmin, setupNeeded } from './setup.js';

const setupBody = z.strictObject({
  token: z.string().min(10).max(100),
  region: z.strictObject({
    name: text(50),
    code: regionCode,
    level: z.enum(['province', 'city', 'county']),
  }),
  admin: z.strictObject({
    username,
    displayName: text(30),
    phone: mobilePhone.nullable().optional(),
    password: z.string().min(1).max(256),
  }),
});

const routes: FastifyPluginAsyncZod<{ secureCookies: boolean }> = async (app, options) => {
  app.get(
    '/api/setup/status',
    {
      schema: {
        tags: ['setup'],
        summary: '是否需要初始设置 / Whether the one-time setup is still needed',
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async (request) => ({ needed: await setupNeeded(request.context().db) }),
  );

  app.post(
    '/api/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['setup'],
        summary: '初始设置：首个教育局管理员 / One-time setup of the first bureau administrator',
        body: setupBody,
        response: { 201: sessionResponse, 400: errorResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = request.context();
      const { token, ...input } = request.body;
      const { userId } = await createRegionAdmin(ctx, input, { token });
      const session = await createSession(ctx.db, { userId, clock: ctx.accountClock, meta: ctx.meta });
      setSessionCookie(reply, session.token, options.secureCookies);
      return reply.status(201).send(await sessionBody(ctx.db, ctx.clock, session.token));
    },
  );
};

export default routes;
