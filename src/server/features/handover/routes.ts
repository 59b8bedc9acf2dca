import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import { createHandoverBody, dayParams, handoverDaySchema, handoverSchema } from './schemas.js';
import { getHandoverDay, recordHandover } from './use-cases.js';

const denied = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/days/:date/handovers',
    {
      schema: {
        tags: ['daily'],
        summary:
          '当天的交接班记录与各班组应交接人数（F-15，B 六(三)）/ The day’s handovers and the head-count each group expects',
        params: dayParams,
        response: { 200: handoverDaySchema, ...denied },
      },
    },
    async (request) => getHandoverDay(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/days/:date/handovers',
    {
      schema: {
        tags: ['daily'],
        summary:
          '记录交接班：开始时班主任交给看护教师，结束时交给值日总护导或延时托管；人数不符须写明差异 / Record a handover with its head-count; a different count needs the discrepancy',
        params: dayParams,
        body: createHandoverBody,
        response: { 201: handoverSchema, ...denied },
      },
    },
    async (request, reply) => {
      const view = await recordHandover(await request.requireActor(), {
        ...request.params,
        body: request.body,
      });
      return reply.status(201).send(view);
    },
  );
};

export default routes;
