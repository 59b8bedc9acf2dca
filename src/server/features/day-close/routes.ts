import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import { moveAllToCustody } from './end-custody.js';
import { closeDayBody, dayParams, dayViewSchema, endCustodyBody, endCustodyResultSchema } from './schemas.js';
import { closeDay, getDayView } from './use-cases.js';

const denied = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/days/:date',
    {
      schema: {
        tags: ['daily'],
        summary:
          '当天全貌：每名在册学生的状态与记录、各状态与各班组人数、交接班、在校访客、去向未明的学生（F-16，A 三.6）/ The whole day for the duty chief',
        params: dayParams,
        response: { 200: dayViewSchema, ...denied },
      },
    },
    async (request) => getDayView(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/days/:date/close',
    {
      schema: {
        tags: ['daily'],
        summary:
          '值日总护导结束当天：仍有学生去向未明时拒绝并逐一列出 / The duty chief closes the day; refused while any child is unaccounted for',
        params: dayParams,
        body: closeDayBody,
        response: { 200: dayViewSchema, ...denied },
      },
    },
    async (request) => closeDay(await request.requireActor(), { ...request.params, body: request.body }),
  );

  app.post(
    '/api/schools/:schoolId/days/:date/end-custody',
    {
      schema: {
        tags: ['daily'],
        summary:
          '服务结束时把仍在校的学生统一转入延时托管，由指定看护人员负责（C 延时托管）：全部或全不，重复提交不重复转入；结束时间前、当天已结束时拒绝 / At the end time, move every child still in care to extended custody with one named staff member: all or nothing, idempotent; refused before the end time and on a closed day',
        params: dayParams,
        body: endCustodyBody,
        response: { 200: endCustodyResultSchema, ...denied },
      },
    },
    async (request) =>
      moveAllToCustody(await request.requireActor(), { ...request.params, body: request.body }),
  );
};

export default routes;
