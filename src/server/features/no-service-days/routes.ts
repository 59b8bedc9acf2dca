import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { listNoServiceDays } from './list-no-service-days.js';
import { removeNoServiceDay } from './remove-no-service-day.js';
import { noServiceDaySchema, noServiceDaysQuery, setNoServiceDayBody } from './schemas.js';
import { setNoServiceDay } from './set-no-service-day.js';

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const dayParams = z.object({ schoolId: z.uuid(), date: z.iso.date() });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/no-service-days',
    {
      schema: {
        tags: ['calendar'],
        summary: '学校停课日（考试、天气等）/ The school’s days without service (exams, weather)',
        params: z.object({ schoolId: z.uuid() }),
        querystring: noServiceDaysQuery,
        response: { 200: z.object({ items: z.array(noServiceDaySchema) }), ...denied },
      },
    },
    async (request) => ({
      items: await listNoServiceDays(await request.requireActor(), {
        schoolId: request.params.schoolId,
        termId: request.query.termId,
      }),
    }),
  );

  app.put(
    '/api/schools/:schoolId/no-service-days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置停课日及原因 / Mark a day without service, with the reason',
        params: dayParams,
        body: setNoServiceDayBody,
        response: { 200: noServiceDaySchema, ...denied },
      },
    },
    async (request) =>
      setNoServiceDay(await request.requireActor(), { ...request.params, reason: request.body.reason }),
  );

  app.delete(
    '/api/schools/:schoolId/no-service-days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '取消停课日 / Remove a day without service',
        params: dayParams,
        response: { 204: z.null(), ...denied },
      },
    },
    async (request, reply) => {
      await removeNoServiceDay(await request.requireActor(), request.params);
      return reply.status(204).send(null);
    },
  );
};

export default routes;
