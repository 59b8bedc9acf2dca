import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import {
  createdLeaveSchema,
  leaveBody,
  leaveListSchema,
  leaveParams,
  leaveSchema,
  studentParams,
} from './schemas.js';
import { cancelLeave, listLeave, requestLeave } from './use-cases.js';

const denied = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
  422: errorResponse,
};

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/students/:studentId/leave-requests',
    {
      schema: {
        tags: ['leave'],
        summary:
          '学生的请假记录（家长只见自己的孩子；学校人员见本校学生）/ A child’s leave requests (a guardian: their own child only)',
        params: studentParams,
        response: { 200: leaveListSchema, ...denied },
      },
    },
    async (request) => listLeave(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/students/:studentId/leave-requests',
    {
      schema: {
        tags: ['leave'],
        summary:
          '请假（家长为自己的孩子，或学校管理员代为登记）：日期段最长 30 天、不早于今天、须含孩子参加服务的服务日；点名时预先标为请假 / Ask leave for a date range (≤ 30 days, from today, with at least one service day of the child); it reaches the roll call pre-marked',
        params: studentParams,
        body: leaveBody,
        response: { 200: createdLeaveSchema, ...denied },
      },
    },
    async (request) => requestLeave(await request.requireActor(), { ...request.params, body: request.body }),
  );

  app.post(
    '/api/schools/:schoolId/students/:studentId/leave-requests/:leaveId/cancel',
    {
      schema: {
        tags: ['leave'],
        summary:
          '取消请假（请假开始之前；记录保留）/ Cancel a leave request before it starts (the record is kept)',
        params: leaveParams,
        response: { 200: leaveSchema, ...denied },
      },
    },
    async (request) => cancelLeave(await request.requireActor(), request.params),
  );
};

export default routes;
