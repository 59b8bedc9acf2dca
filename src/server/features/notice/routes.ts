import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { termCode } from '../plans/schemas.js';
import { schoolCode } from '../schools/schemas.js';
import { getPublicNotice } from './get-public-notice.js';
import { publicNoticeSchema } from './schemas.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  // No login (F-05: reachable by anyone, and by QR code). A read only: the auth hook's CSRF check
  // concerns writes, and nothing here asks for a session. Rate-limited like every route.
  app.get(
    '/api/public/notices/:schoolCode/:termCode',
    {
      schema: {
        tags: ['notice'],
        summary: '课后服务公示（无需登录，B 五(一)）/ The public after-school service notice (no login)',
        params: z.object({ schoolCode, termCode }),
        response: { 200: publicNoticeSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => getPublicNotice(request.context(), request.params),
  );
};

export default routes;
