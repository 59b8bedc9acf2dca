import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse, text } from '../../schemas.js';
import { createTerm, listRegionTerms, listSchoolTerms, updateTerm } from './use-cases.js';

export const termSchema = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  code: z.string(),
  name: z.string(),
  firstDay: z.iso.date(),
  lastDay: z.iso.date(),
  unifiedStartDate: z.iso.date().nullable(),
});

// 2026-2027-1: the school year and the term (1 autumn, 2 spring).
const termCode = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{4}-[12]$/, { message: '学期代码格式如 2026-2027-1 / Term code like 2026-2027-1' });

const createTermBody = z.strictObject({
  code: termCode,
  name: text(40),
  firstDay: z.iso.date(),
  lastDay: z.iso.date(),
  unifiedStartDate: z.iso.date().nullable().optional(),
});

const updateTermBody = z
  .strictObject({
    name: text(40).optional(),
    firstDay: z.iso.date().optional(),
    lastDay: z.iso.date().optional(),
    unifiedStartDate: z.iso.date().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: '没有要修改的内容 / Nothing to change' });

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const list = z.object({ items: z.array(termSchema) });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions/:regionId/terms',
    {
      schema: {
        tags: ['terms'],
        summary: '地区学期（本级或上级设定）/ Terms that apply in a region',
        params: z.object({ regionId: z.uuid() }),
        response: { 200: list, ...denied },
      },
    },
    async (request) => ({
      items: await listRegionTerms(await request.requireActor(), request.params.regionId),
    }),
  );

  app.get(
    '/api/schools/:schoolId/terms',
    {
      schema: {
        tags: ['terms'],
        summary: '学校适用的学期 / Terms that apply to a school',
        params: z.object({ schoolId: z.uuid() }),
        response: { 200: list, ...denied },
      },
    },
    async (request) => ({
      items: await listSchoolTerms(await request.requireActor(), request.params.schoolId),
    }),
  );

  app.post(
    '/api/regions/:regionId/terms',
    {
      schema: {
        tags: ['terms'],
        summary: '新建学期及统一启动日期 / Create a term with its unified start date (B 六(五))',
        params: z.object({ regionId: z.uuid() }),
        body: createTermBody,
        response: { 201: termSchema, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTerm(await request.requireActor(), request.params.regionId, request.body)),
  );

  app.patch(
    '/api/terms/:termId',
    {
      schema: {
        tags: ['terms'],
        summary: '修改学期或统一启动日期 / Change a term or its unified start date',
        params: z.object({ termId: z.uuid() }),
        body: updateTermBody,
        response: { 200: termSchema, ...denied },
      },
    },
    async (request) => updateTerm(await request.requireActor(), request.params.termId, request.body),
  );
};

export default routes;
