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
  lockedAccountsResponse,
  unlockBody,
  unlockCodeResponse,
} from './schemas.js';
import { setFirstPassword } from './set-first-password.js';
import { issueUnlockCode, lockedAccounts, unlockAccount } from './unlock-codes.js';

const schoolParams = z.object({ schoolId: z.uuid() });
const memberParams = z.object({ schoolId: z.uuid(), userId: z.uuid() });
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

  // Issue 13.5: the school's locked accounts, unlock codes for them, and the login page's unlock.
  app.get(
    '/api/schools/:schoolId/locked-accounts',
    {
      schema: {
        tags: ['guardian-codes'],
        summary: '登录已被锁定的本校人员 / The school’s people whose sign-in is locked now',
        params: schoolParams,
        response: { 200: lockedAccountsResponse, ...denied },
      },
    },
    async (request) => lockedAccounts(await request.requireActor(), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/members/:userId/unlock-code',
    {
      schema: {
        tags: ['guardian-codes'],
        summary:
          '发放解锁码（仅显示一次，1 小时内有效）/ Issue an unlock code for one of the school’s people (shown once, valid an hour)',
        params: memberParams,
        response: { 200: unlockCodeResponse, ...denied },
      },
    },
    async (request, reply) => {
      const result = await issueUnlockCode(await request.requireActor(), request.params);
      reply.header('cache-control', 'no-store');
      return result;
    },
  );

  app.post(
    '/api/auth/unlock',
    {
      config: { rateLimit: options.loginRateLimit },
      schema: {
        tags: ['auth'],
        summary:
          '用解锁码解除登录锁定（不登录）/ Lift a sign-in lock with an unlock code from the school (signs nobody in)',
        body: unlockBody,
        response: { 204: z.null(), 400: errorResponse, 401: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      await unlockAccount(request.context(), request.body);
      return reply.status(204).send(null);
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
