import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { approvePlan } from './approve-plan.js';
import { createPlan } from './create-plan.js';
import { getPlan } from './get-plan.js';
import { listPlans } from './list-plans.js';
import { listRegionPlans } from './list-region-plans.js';
import { reopenPlan } from './reopen-plan.js';
import { returnPlan } from './return-plan.js';
import { savePlan } from './save-plan.js';
import {
  approvePlanBody,
  createPlanBody,
  planDetailSchema,
  planListItemSchema,
  regionPlansQuery,
  regionPlansResponse,
  reopenPlanBody,
  returnPlanBody,
  savePlanBody,
  submitPlanBody,
} from './schemas.js';
import { submitPlan } from './submit-plan.js';

const schoolParams = z.object({ schoolId: z.uuid() });
const planParams = z.object({ schoolId: z.uuid(), planId: z.uuid() });
const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...denied, 409: errorResponse };

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/plans',
    {
      schema: {
        tags: ['plans'],
        summary: '学校各学期的课后服务方案（一校一案）/ The school’s plans, one per term',
        params: schoolParams,
        response: { 200: z.object({ items: z.array(planListItemSchema) }), ...denied },
      },
    },
    async (request) => ({ items: await listPlans(await request.requireActor(), request.params) }),
  );

  app.post(
    '/api/schools/:schoolId/plans',
    {
      schema: {
        tags: ['plans'],
        summary:
          '新建学期方案草稿（沿用上学期方案）/ Create the draft plan for a term (from the previous term’s)',
        params: schoolParams,
        body: createPlanBody,
        response: { 201: planDetailSchema, ...write },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPlan(await request.requireActor(), { ...request.params, ...request.body })),
  );

  app.get(
    '/api/schools/:schoolId/plans/:planId',
    {
      schema: {
        tags: ['plans'],
        summary:
          '方案、合规检查结果、服务日、政策版本、劳务费预估与审核记录 / A plan with its findings, service days, policy, cost and history',
        params: planParams,
        response: { 200: planDetailSchema, ...write },
      },
    },
    async (request) => getPlan(await request.requireActor(), request.params),
  );

  app.put(
    '/api/schools/:schoolId/plans/:planId',
    {
      schema: {
        tags: ['plans'],
        summary: '保存方案（草稿或已退回）/ Save a draft or returned plan',
        params: planParams,
        body: savePlanBody,
        response: { 200: planDetailSchema, ...write },
      },
    },
    async (request) => savePlan(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.post(
    '/api/schools/:schoolId/plans/:planId/submit',
    {
      schema: {
        tags: ['plans'],
        summary: '提交方案报教育局审定（B 六(五)）/ Submit the plan to the bureau',
        params: planParams,
        body: submitPlanBody,
        response: { 200: planDetailSchema, ...write },
      },
    },
    async (request) => submitPlan(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.post(
    '/api/schools/:schoolId/plans/:planId/return',
    {
      schema: {
        tags: ['plans'],
        summary: '退回方案并说明修改意见 / Return a submitted plan with comments',
        params: planParams,
        body: returnPlanBody,
        response: { 200: planDetailSchema, ...write },
      },
    },
    async (request) => returnPlan(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.post(
    '/api/schools/:schoolId/plans/:planId/approve',
    {
      schema: {
        tags: ['plans'],
        summary: '审定方案并发布服务公示（B 六(五)，B 五(一)）/ Approve a plan and publish its notice',
        params: planParams,
        body: approvePlanBody,
        response: { 200: planDetailSchema, ...write },
      },
    },
    async (request) => approvePlan(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.post(
    '/api/schools/:schoolId/plans/:planId/reopen',
    {
      schema: {
        tags: ['plans'],
        summary: '重新修订已审定的方案（公示保持不变至再次审定）/ Reopen an approved plan to amend it',
        params: planParams,
        body: reopenPlanBody,
        response: { 200: planDetailSchema, ...write },
      },
    },
    async (request) => reopenPlan(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.get(
    '/api/regions/:regionId/plans',
    {
      schema: {
        tags: ['plans'],
        summary: '辖区内各校某学期的方案状态 / Every school in the region with its plan status for a term',
        params: z.object({ regionId: z.uuid() }),
        querystring: regionPlansQuery,
        response: { 200: regionPlansResponse, ...denied },
      },
    },
    async (request) =>
      listRegionPlans(await request.requireActor(), { regionId: request.params.regionId, ...request.query }),
  );
};

export default routes;
