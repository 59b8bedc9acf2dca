// F-26: the audit log, searchable by admins within their scope (search-audit.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { auditQuery, entrySchema } from './schemas.js';
import { searchAudit } from './search-audit.js';

export { entrySchema } from './schemas.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          '操作日志（操作与对象均以文字显示）/ Search the audit log within scope, targets named in words',
        querystring: auditQuery,
        response: {
          200: z.object({ items: z.array(entrySchema), total: z.number().int() }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => searchAudit(await request.requireActor(), request.query),
  );
};

export default routes;
