import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { type AuthRouteOptions, sessionBody, setSessionCookie } from '../auth/routes.js';
import { sessionResponse } from '../auth/schemas.js';
import { endSession } from '../auth/sessions.js';
import { loginWithCode } from './code-login.js';
import { codeSummary } from './code-summary.js';
import { issueCodes } from './issue-codes.js';
import {
  codeLoginBody,
  codeSummaryResponse,
  firstPasswordBody,
  issueCodesBody,
  issueCodesResponse,
} from './schemas.js';
import { setFirstPassword } from './set-first-password.js';

const schoolParams = z.object({ schoolId: z.uuid() });
const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

const routes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, options) => {
  app.get(
    '/api/schools/:schoolId/login-codes',
    {
      schema: {
        tags: ['guardian-codes'],
        summary: '首次登录验证码概况 / Classes and accounts without a password, open codes',
        params: schoolParams,
        response: { 200: codeSummaryResponse, ...denied },
      },
    },
    async (request) => codeSummary(await request.requireActor(), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/login-codes',
    {
      schema: {
        tags: ['guardian-codes'],
        summary:
          '发放首次登录验证码（仅显示一次）/ Issue one-time sign-in codes for accounts without a password (shown once)',
        params: schoolParams,
        body: issueCodesBody,
        response: { 200: issueCodesResponse, ...denied },
      },
    },
    async (request, reply) => {
      const result = await issueCodes(await request.requireActor(), {
        schoolId: request.params.schoolId,
        body: request.body,
      });
      // The codes are in this answer only: no cache may keep them.
      reply.header('cache-control', 'no-store');
      return result;
    },
  );

  app.post(
    '/api/auth/code-login',
    {
      config: { rateLimit: options.loginRateLimit },
      schema: {
        tags: ['auth'],
        summary: '验证码登录（首次登录）/ Sign in with phone and a one-time code',
        body: codeLoginBody,
        response: { 200: sessionResponse, 400: errorResponse, 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const ctx = request.context();
      const { token } = await loginWithCode(ctx, request.body);
      if (request.session) await endSession(ctx.db, request.session.tokenHash);
      setSessionCookie(reply, token, options.secureCookies);
      return sessionBody(ctx.db, ctx.accountClock, token);
    },
  );

  app.post(
    '/api/auth/first-password',
    {
      schema: {
        tags: ['auth'],
        summary: '设置首个密码（验证码登录后）/ Set the first password after a code sign-in',
        body: firstPasswordBody,
        response: {
          204: z.null(),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      await setFirstPassword({ ...ctx, sessionTokenHash: ctx.session.tokenHash }, request.body);
      return reply.status(204).send(null);
    },
  );
};

export default routes;
