import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { exportRoster, recordRosterPrint, rosterFileName } from './export-roster.js';
import { getRoster } from './get-roster.js';
import { rosterParams, rosterQuery, rosterViewSchema } from './schemas.js';

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
// The workbook goes out as bytes (fastify sends a Buffer unserialised).
const xlsxFile = z
  .unknown()
  .describe('xlsx: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/terms/:termId/roster',
    {
      schema: {
        tags: ['roster'],
        summary:
          '课后看护学生名册：某天各班组的学生、监护人与授权接送人（A 三.5）/ The roster of a weekday per group',
        params: rosterParams,
        querystring: rosterQuery,
        response: { 200: rosterViewSchema, ...denied },
      },
    },
    async (request) => getRoster(await request.requireActor(), { ...request.params, ...request.query }),
  );

  app.get(
    '/api/schools/:schoolId/terms/:termId/roster/export',
    {
      schema: {
        tags: ['roster'],
        summary:
          '导出名册（xlsx，每个班组一页，可直接打印）/ The roster as an xlsx workbook, a sheet per group',
        params: rosterParams,
        querystring: rosterQuery,
        response: { 200: xlsxFile, ...denied },
      },
    },
    async (request, reply) => {
      const { bytes, roster } = await exportRoster(await request.requireActor(), {
        ...request.params,
        ...request.query,
      });
      const group = request.query.groupId ? (roster.groups[0]?.name ?? null) : null;
      const name = rosterFileName(roster, group);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.zh)}`,
        )
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  app.post(
    '/api/schools/:schoolId/terms/:termId/roster/print',
    {
      schema: {
        tags: ['roster'],
        summary:
          '记录一次打印名册（浏览器打印前由页面报告，记入操作日志）/ Record that the roster is being printed (audited)',
        params: rosterParams,
        querystring: rosterQuery,
        response: { 204: z.null(), ...denied },
      },
    },
    async (request, reply) => {
      await recordRosterPrint(await request.requireActor(), { ...request.params, ...request.query });
      return reply.status(204).send(null);
    },
  );
};

export default routes;
