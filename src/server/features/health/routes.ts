import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../../db/connect.js';
import { AppError } from '../../errors.js';
import { errorResponse } from '../../schemas.js';

const routes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: '健康检查：数据库可用时返回 ok / ok once the database answers',
        response: { 200: z.object({ status: z.literal('ok') }), 503: errorResponse },
      },
    },
    async () => {
      try {
        await database.pool.query('select 1');
      } catch {
        throw new AppError('DB_UNAVAILABLE');
      }
      return { status: 'ok' as const };
    },
  );
};

export default routes;
