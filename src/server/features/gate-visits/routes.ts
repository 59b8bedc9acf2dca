import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import {
  createVisitBody,
  schoolParams,
  visitListSchema,
  visitParams,
  visitSchema,
  visitsQuery,
} from './schemas.js';
import { listVisits, registerVisit, signOutVisitor } from './use-cases.js';

const denied = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/gate-visits',
    {
      schema: {
        tags: ['daily'],
        summary:
          '门卫登记：某天的访客，仍在校内的在前（F-17，B 六(三)）/ The gate’s visitor log of a date, those still inside first',
        params: schoolParams,
        querystring: visitsQuery,
        response: { 200: visitListSchema, ...denied },
      },
    },
    async (request) =>
      listVisits(await request.requireActor(), { ...request.params, date: request.query.date }),
  );

  app.post(
    '/api/schools/:schoolId/gate-visits',
    {
      schema: {
        tags: ['daily'],
        summary: '登记访客进校（姓名、电话、单位、事由、被访人）/ Register a visitor coming in',
        params: schoolParams,
        body: createVisitBody,
        response: { 201: visitSchema, ...denied },
      },
    },
    async (request, reply) => {
      const view = await registerVisit(await request.requireActor(), {
        ...request.params,
        body: request.body,
      });
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/schools/:schoolId/gate-visits/:visitId/leave',
    {
      schema: {
        tags: ['daily'],
        summary: '登记访客离校（只能一次）/ Sign a visitor out (once)',
        params: visitParams,
        response: { 200: visitSchema, ...denied },
      },
    },
    async (request) => signOutVisitor(await request.requireActor(), request.params),
  );
};

export default routes;
