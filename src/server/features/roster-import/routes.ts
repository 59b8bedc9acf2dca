import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { readUpload, SHEET_MAX_BYTES } from '../../uploads.js';
import { commitImport } from './commit-import.js';
import { exportList } from './export-lists.js';
import { assertMayImport, previewImport } from './preview-import.js';
import { importParams, importPreviewSchema, importResultSchema } from './schemas.js';
import { attachment, buildTemplate } from './template.js';

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
// The xlsx goes out as bytes (fastify sends a Buffer as it is, unserialised).
const xlsxFile = z
  .unknown()
  .describe('xlsx: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
const upload = { ...denied, 409: errorResponse, 413: errorResponse, 415: errorResponse };

function names(kind: 'students' | 'staff', what: 'template' | 'export', date: string) {
  const zh = kind === 'students' ? '学生及家长' : '工作人员';
  if (what === 'template') return attachment(`${zh}导入模板.xlsx`, `${kind}-template.xlsx`);
  return attachment(`${zh}名单-${date}.xlsx`, `${kind}-${date}.xlsx`);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/import/:kind/template',
    {
      schema: {
        tags: ['import'],
        summary: '下载导入模板（xlsx）/ The xlsx template for importing students or staff',
        params: importParams,
        response: { 200: xlsxFile, ...denied },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      await assertMayImport(ctx, request.params.schoolId);
      const file = names(request.params.kind, 'template', '');
      return reply
        .header('content-type', file.type)
        .header('content-disposition', file.disposition)
        .header('cache-control', 'no-store')
        .send(await buildTemplate(request.params.kind));
    },
  );

  app.post(
    '/api/schools/:schoolId/import/:kind/preview',
    {
      schema: {
        tags: ['import'],
        summary: '导入预览：逐行检查，不保存 / Check an xlsx row by row without saving',
        params: importParams,
        response: { 200: importPreviewSchema, ...upload },
      },
    },
    async (request) => {
      const ctx = await request.requireActor();
      // Permission first: nobody else's upload is read at all.
      await assertMayImport(ctx, request.params.schoolId);
      const file = await readUpload(request, { accept: ['xlsx'], maxBytes: SHEET_MAX_BYTES });
      return previewImport(ctx, { ...request.params, fileName: file.fileName, bytes: file.bytes });
    },
  );

  app.post(
    '/api/schools/:schoolId/import/:kind/commit',
    {
      schema: {
        tags: ['import'],
        summary: '确认导入：全部保存或全部不保存 / Import all rows, or none when any has a problem',
        params: importParams,
        response: { 200: importResultSchema, ...upload },
      },
    },
    async (request) => {
      const ctx = await request.requireActor();
      await assertMayImport(ctx, request.params.schoolId);
      const file = await readUpload(request, { accept: ['xlsx'], maxBytes: SHEET_MAX_BYTES });
      return commitImport(ctx, { ...request.params, fileName: file.fileName, bytes: file.bytes });
    },
  );

  app.get(
    '/api/schools/:schoolId/export/:kind',
    {
      schema: {
        tags: ['import'],
        summary: '导出名单（xlsx，手机号完整）/ Export the list as xlsx, phones in full',
        params: importParams,
        response: { 200: xlsxFile, ...denied },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      const { bytes } = await exportList(ctx, request.params);
      const date = ctx.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      const file = names(request.params.kind, 'export', date);
      return reply
        .header('content-type', file.type)
        .header('content-disposition', file.disposition)
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
};

export default routes;
