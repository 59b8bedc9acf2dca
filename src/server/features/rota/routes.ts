import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { rotaViewSchema, saveRotaBody } from './schemas.js';
import { getCurrentRota, getRota, saveRota } from './use-cases.js';

const termParams = z.object({ schoolId: z.uuid(), termId: z.uuid() });
const denied = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/rota/current',
    {
      schema: {
        tags: ['rota'],
        summary: '本学期值日安排与每周工时（F-10）/ The current term’s duty rota with weekly hours',
        params: z.object({ schoolId: z.uuid() }),
        response: { 200: rotaViewSchema, ...denied },
      },
    },
    async (request) => getCurrentRota(await request.requireActor(), request.params),
  );

  app.get(
    '/api/schools/:schoolId/terms/:termId/rota',
    {
      schema: {
        tags: ['rota'],
        summary:
          '学期值日安排：各组教师、值日总护导、管理人员、每周工时与问题 / A term’s rota: group teachers, duty chief, managers, hours, problems',
        params: termParams,
        response: { 200: rotaViewSchema, ...denied },
      },
    },
    async (request) => getRota(await request.requireActor(), request.params),
  );

  app.put(
    '/api/schools/:schoolId/terms/:termId/rota',
    {
      schema: {
        tags: ['rota'],
        summary:
          '保存学期值日安排（值日总护导与管理人员，A 三.6、B 五(三)）/ Save the duty chief and managers of each weekday',
        params: termParams,
        body: saveRotaBody,
        response: { 200: rotaViewSchema, ...denied },
      },
    },
    async (request) => saveRota(await request.requireActor(), { ...request.params, body: request.body }),
  );
};

export default routes;
