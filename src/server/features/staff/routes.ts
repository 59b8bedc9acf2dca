import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { letterScan, listLetters, uploadLetter } from './letters.js';
import { archiveStaff, createStaff, updateStaff } from './save-staff.js';
import {
  letterSchema,
  letterStatusSchema,
  staffBody,
  staffItemSchema,
  staffListQuery,
  staffListSchema,
} from './schemas.js';
import { listStaff } from './staff-records.js';

const schoolParams = z.object({ schoolId: z.uuid() });
const staffParams = z.object({ schoolId: z.uuid(), staffId: z.uuid() });
const letterParams = z.object({ schoolId: z.uuid(), staffId: z.uuid(), letterId: z.uuid() });
const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...denied, 409: errorResponse };
const upload = { ...denied, 413: errorResponse, 415: errorResponse };
const scanFile = z.unknown().describe('The scan: application/pdf, image/jpeg or image/png');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/staff',
    {
      schema: {
        tags: ['staff'],
        summary: '看护人员、领导小组与岗位责任书（F-09）/ Staff with leadership positions and letters',
        params: schoolParams,
        querystring: staffListQuery,
        response: { 200: staffListSchema, ...denied },
      },
    },
    async (request) =>
      listStaff(await request.requireActor(), {
        schoolId: request.params.schoolId,
        archived: request.query.archived === 'true',
      }),
  );

  app.post(
    '/api/schools/:schoolId/staff',
    {
      schema: {
        tags: ['staff'],
        summary: '新增看护人员 / Add a staff member',
        params: schoolParams,
        body: staffBody,
        response: { 201: staffItemSchema, ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createStaff(await request.requireActor(), {
          schoolId: request.params.schoolId,
          body: request.body,
        }),
      ),
  );

  app.put(
    '/api/schools/:schoolId/staff/:staffId',
    {
      schema: {
        tags: ['staff'],
        summary: '修改看护人员 / Change a staff member',
        params: staffParams,
        body: staffBody,
        response: { 200: staffItemSchema, ...write },
      },
    },
    async (request) => updateStaff(await request.requireActor(), { ...request.params, body: request.body }),
  );

  app.post(
    '/api/schools/:schoolId/staff/:staffId/archive',
    {
      schema: {
        tags: ['staff'],
        summary: '停用看护人员（保留其责任书和记录）/ Archive a staff member',
        params: staffParams,
        response: { 200: staffItemSchema, ...write },
      },
    },
    async (request) => archiveStaff(await request.requireActor(), request.params),
  );

  app.get(
    '/api/schools/:schoolId/staff/:staffId/letters',
    {
      schema: {
        tags: ['staff'],
        summary: '岗位责任书（A 三.1）/ A staff member’s responsibility letters',
        params: staffParams,
        response: {
          200: z.object({ letterStatus: letterStatusSchema, items: z.array(letterSchema) }),
          ...denied,
        },
      },
    },
    async (request) => listLetters(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/staff/:staffId/letters',
    {
      schema: {
        tags: ['staff'],
        summary:
          '登记岗位责任书：签订日期、有效期至与扫描件（multipart：signedOn, validUntil, file）/ Record a letter with its scan',
        params: staffParams,
        consumes: ['multipart/form-data'],
        response: { 201: staffItemSchema, ...upload },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await uploadLetter(await request.requireActor(), request, request.params)),
  );

  app.get(
    '/api/schools/:schoolId/staff/:staffId/letters/:letterId/scan',
    {
      schema: {
        tags: ['staff'],
        summary: '责任书扫描件 / The scan of a letter',
        params: letterParams,
        response: { 200: scanFile, ...denied },
      },
    },
    async (request, reply) => {
      const file = await letterScan(await request.requireActor(), request.params);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );
};

export default routes;
