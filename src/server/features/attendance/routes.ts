import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse } from '../../schemas.js';
import { getRollCall } from './get-roll-call.js';
import { recordFollowUp } from './record-follow-up.js';
import {
  childDayParams,
  dayParams,
  followUpBody,
  followUpResultSchema,
  marksBody,
  marksResultSchema,
  rollCallQuery,
  rollCallViewSchema,
} from './schemas.js';
import { submitMarks } from './submit-marks.js';

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
    '/api/schools/:schoolId/days/:date/roll-call',
    {
      schema: {
        tags: ['attendance'],
        summary:
          '点名（A 三.5 每天点名）：当天可点名的班组与学生、当前点名与更正记录、家长请假、缺席跟进、监护人电话；看护教师只见本人班组，值日总护导与学校管理员见全部及未编班学生 / Roll call of a service day: the groups the actor may mark, each child with the mark in force and its history, leave, follow-up and guardians’ phones',
        params: dayParams,
        querystring: rollCallQuery,
        response: { 200: rollCallViewSchema, ...denied },
      },
    },
    async (request) => getRollCall(await request.requireActor(), { ...request.params, ...request.query }),
  );

  app.post(
    '/api/schools/:schoolId/days/:date/marks',
    {
      schema: {
        tags: ['attendance'],
        summary:
          '提交点名（可离线排队后补交，带 Idempotency-Key）：每条记录单独回答 saved / duplicate（已存过，重放无副作用）/ unchanged / conflict（MARK_CONFLICT：他人已更正，未覆盖）/ refused（与学生当天状态不符）；非服务日、当天已关闭、非本人班组学生、时间在未来或不在当天则整批拒绝 / Submit roll-call marks (also an offline queue’s replay): one answer per mark; the whole batch is refused only when not acceptable as such',
        params: dayParams,
        body: marksBody,
        response: { 200: marksResultSchema, ...denied },
      },
    },
    async (request, reply) => {
      const held = request.idempotency;
      const { result, body, answered } = await submitMarks(await request.requireActor(), {
        ...request.params,
        body: request.body,
        idempotency: held,
      });
      // Kept with the marks, in their transaction (now committed): the plugin need not keep it again.
      if (answered) request.idempotency = null;
      // The text kept as the answer is the text sent (the same the schema's serializer makes).
      return reply.serializer(() => body).send(result);
    },
  );

  app.post(
    '/api/schools/:schoolId/days/:date/students/:studentId/follow-up',
    {
      schema: {
        tags: ['attendance'],
        summary:
          '记录缺席跟进（A 三.5 未到时及时了解情况并做好记录）：联系人、时间、结果、原因；关闭待跟进或已上报的跟进 / Record the contact about an absent child: who, when, result, reason',
        params: childDayParams,
        body: followUpBody,
        response: { 200: followUpResultSchema, ...denied },
      },
    },
    async (request) =>
      recordFollowUp(await request.requireActor(), { ...request.params, body: request.body }),
  );
};

export default routes;
