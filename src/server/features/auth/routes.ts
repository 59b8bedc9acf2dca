import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/connect.js';
import { recordAudit } from '../../audit.js';
import type { Clock } from '../../clock.js';
import { errorResponse } from '../../schemas.js';
import { changePassword } from './change-password.js';
import { login } from './login.js';
import { changePasswordBody, loginBody, type SessionResponse, sessionResponse } from './schemas.js';
import { endSession, findSession, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './sessions.js';

export interface AuthRouteOptions {
  secureCookies: boolean;
  loginRateLimit: { max: number; timeWindow: number };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export async function sessionBody(db: Db, clock: Clock, token: string): Promise<SessionResponse> {
  const found = await findSession(db, token, clock, { withActor: true });
  if (found.status !== 'live' || !found.actor) throw new Error('session vanished right after it was made');
  return {
    user: found.session.user,
    memberships: found.actor.memberships,
    csrfToken: found.session.csrfToken,
  };
}

const routes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, options) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: options.loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: '登录 / Log in with username or phone and password',
        body: loginBody,
        response: { 200: sessionResponse, 400: errorResponse, 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = request.context();
      const { token } = await login(ctx, request.body);
      // A new session id at every login; the old one, if any, ends.
      if (request.session) await endSession(ctx.db, request.session.tokenHash);
      setSessionCookie(reply, token, options.secureCookies);
      return sessionBody(ctx.db, ctx.accountClock, token);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: '当前登录信息 / The current session',
        response: { 200: sessionResponse, 401: errorResponse },
      },
    },
    async (request) => {
      const { session, loaded } = await request.requireActor();
      return { user: session.user, memberships: loaded.memberships, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录 / Log out',
        response: { 204: z.null(), 401: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const session = request.requireSession();
      const ctx = request.context();
      await endSession(ctx.db, session.tokenHash);
      await recordAudit(ctx.db, ctx.meta, {
        actorUserId: session.userId,
        action: 'auth.logout',
        objectType: 'user',
        objectId: session.userId,
        at: ctx.clock.now(),
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 / Change own password',
        body: changePasswordBody,
        response: { 204: z.null(), 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      await changePassword({ ...ctx, sessionTokenHash: ctx.session.tokenHash }, request.body);
      return reply.status(204).send(null);
    },
  );
};

export default routes;
