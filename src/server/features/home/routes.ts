import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import { getMyStaffRecord } from './my-staff-record.js';
import { myStaffRecordSchema, schoolParams, schoolTodaySchema } from './schemas.js';
import { getSchoolToday } from './school-today.js';

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/today',
    {
      schema: {
        tags: ['daily'],
        summary:
          '学校管理员首页的今日概况：考勤、缺席待跟进、延时托管、待审核报名、即将到期的责任书、方案检查问题 / The school admin’s day at a glance',
        params: schoolParams,
        response: { 200: schoolTodaySchema, ...denied },
      },
    },
    async (request) => getSchoolToday(await request.requireActor(), request.params),
  );

  app.get(
    '/api/schools/:schoolId/me/staff',
    {
      schema: {
        tags: ['staff'],
        summary:
          '本人在该校的教职工档案（姓名、电话）/ The signed-in person’s own staff record at the school',
        params: schoolParams,
        response: { 200: myStaffRecordSchema, ...denied },
      },
    },
    async (request) => getMyStaffRecord(await request.requireActor(), request.params),
  );
};

export default routes;
