import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { createSchoolBody, schoolSchema, updateSchoolBody } from './schemas.js';
import { createSchool, getSchool, listSchools, updateSchool } from './use-cases.js';

const schoolParams = z.object({ schoolId: z.uuid() });
const denied = { 401: errorResponse, 403: errorResponse, 404: errorResponse };

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools',
    {
      schema: {
        tags: ['schools'],
        summary: '可见的学校 / Schools in the actor’s scope',
        response: { 200: z.object({ items: z.array(schoolSchema) }), 401: errorResponse },
      },
    },
    async (request) => ({ items: await listSchools(await request.requireActor()) }),
  );

  app.get(
    '/api/schools/:schoolId',
    {
      schema: {
        tags: ['schools'],
        summary: '学校信息 / A school',
        params: schoolParams,
        response: { 200: schoolSchema, 400: errorResponse, ...denied },
      },
    },
    async (request) => getSchool(await request.requireActor(), request.params.schoolId),
  );

  app.patch(
    '/api/schools/:schoolId',
    {
      schema: {
        tags: ['schools'],
        summary: '修改学校信息 / Update a school',
        params: schoolParams,
        body: updateSchoolBody,
        response: { 200: schoolSchema, 400: errorResponse, ...denied },
      },
    },
    async (request) => updateSchool(await request.requireActor(), request.params.schoolId, request.body),
  );

  app.post(
    '/api/regions/:regionId/schools',
    {
      schema: {
        tags: ['schools'],
        summary: '新建学校 / Create a school in a region',
        params: z.object({ regionId: z.uuid() }),
        body: createSchoolBody,
        response: { 201: schoolSchema, 400: errorResponse, 409: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSchool(await request.requireActor(), request.params.regionId, request.body)),
  );
};

export default routes;
