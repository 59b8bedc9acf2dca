import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import { getGrouping } from './get-grouping.js';
import { proposeGrouping } from './propose-grouping.js';
import { saveGrouping } from './save-grouping.js';
import { groupingViewSchema, proposalBody, saveGroupingBody, termParams } from './schemas.js';

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...denied, 409: errorResponse };

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/terms/:termId/grouping',
    {
      schema: {
        tags: ['grouping'],
        summary:
          '本学期编班：各班组、学生、教师、场地，及按今日在册情况重新检查的问题 / The saved grouping with its problems as of today',
        params: termParams,
        response: { 200: groupingViewSchema, ...write },
      },
    },
    async (request) => getGrouping(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/terms/:termId/grouping/proposal',
    {
      schema: {
        tags: ['grouping'],
        summary:
          '自动编班方案（不保存）：按年级段、场地容量与人员配备定额（B 五(三)）/ An automatic grouping proposal (nothing saved)',
        params: termParams,
        body: proposalBody,
        response: { 200: groupingViewSchema, ...write },
      },
    },
    async (request) => proposeGrouping(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.put(
    '/api/schools/:schoolId/terms/:termId/grouping',
    {
      // A school of 3,000 children attending five days sends 15,000 enrollment ids.
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['grouping'],
        summary: '保存本学期的全部编班（整体替换）/ Save the term’s whole grouping (replaces it)',
        params: termParams,
        body: saveGroupingBody,
        response: { 200: groupingViewSchema, ...write },
      },
    },
    async (request) => saveGrouping(await request.requireActor(), { ...request.params, ...request.body }),
  );
};

export default routes;
