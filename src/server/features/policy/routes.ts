import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { createPolicyVersionBody, policyVersionSchema, regionPolicyResponse } from './schemas.js';
import { createPolicyVersion, getRegionPolicy } from './use-cases.js';

const regionParams = z.object({ regionId: z.uuid() });
const denied = { 401: errorResponse, 403: errorResponse, 404: errorResponse };

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions/:regionId/policy',
    {
      schema: {
        tags: ['policy'],
        summary: '地区课后服务政策（一县一策）及其版本 / The region policy and its versions',
        params: regionParams,
        response: { 200: regionPolicyResponse, 400: errorResponse, ...denied },
      },
    },
    async (request) => getRegionPolicy(await request.requireActor(), request.params.regionId),
  );

  app.post(
    '/api/regions/:regionId/policy/versions',
    {
      schema: {
        tags: ['policy'],
        summary: '发布新版本政策（自生效日期起）/ Publish a new policy version from an effective date',
        params: regionParams,
        body: createPolicyVersionBody,
        response: { 201: policyVersionSchema, 400: errorResponse, ...denied },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPolicyVersion(await request.requireActor(), request.params.regionId, request.body)),
  );
};

export default routes;
