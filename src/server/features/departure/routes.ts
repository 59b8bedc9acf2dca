// Departure (F-13, C 2 弹性离校) and extended custody (F-14, C 延时托管): the guardian's code and batch,
// the gate's look-up, verify, call and release, and custody.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../../schemas.js';
import { callChild } from './call-child.js';
import { placeInCustody } from './custody.js';
import { gateChild, lookupPickupCode, verifyPickupCode } from './gate-code.js';
import { changeBatch, getPickupCode } from './guardian-pickup.js';
import type { PickupCodeKey } from './pickup-code-key.js';
import { releaseChild } from './release-child.js';
import {
  callBody,
  callResultSchema,
  changeBatchBody,
  childParams,
  custodyBody,
  custodyResultSchema,
  dayParams,
  gateChildSchema,
  lookupBody,
  optionalDateQuery,
  pickupCodeViewSchema,
  releaseBody,
  releaseResultSchema,
  verifyBody,
} from './schemas.js';

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...denied, 409: errorResponse };
// Code answers: wrong 400, locked 423, expired 410, too many wrong look-ups 429.
const codeAnswers = { ...write, 410: errorResponse, 423: errorResponse, 429: errorResponse };

// `codes`: the server secret's key for pickup codes (issue 13.8), made once by buildApp.
const routes: FastifyPluginAsyncZod<{ codes: PickupCodeKey }> = async (app, { codes }) => {
  // ── guardian ──
  app.get(
    '/api/schools/:schoolId/students/:studentId/pickup-code',
    {
      schema: {
        tags: ['departure'],
        summary:
          '今天的接送码与二维码、孩子状态、离校批次（仅本人孩子，C 2）/ Today’s pickup code with its QR, the child’s state and batch',
        params: childParams,
        querystring: optionalDateQuery,
        response: { 200: pickupCodeViewSchema, ...write },
      },
    },
    async (request) =>
      getPickupCode(await request.requireActor(), { ...request.params, date: request.query.date }, codes),
  );

  app.put(
    '/api/schools/:schoolId/students/:studentId/batch',
    {
      schema: {
        tags: ['departure'],
        summary:
          '更改今天的离校批次（截止：较早批次前 30 分钟，C 2 弹性离校）/ Change today’s departure batch until the cut-off',
        params: childParams,
        querystring: optionalDateQuery,
        body: changeBatchBody,
        response: { 200: pickupCodeViewSchema, ...write },
      },
    },
    async (request) =>
      changeBatch(
        await request.requireActor(),
        { ...request.params, date: request.query.date, batch: request.body.batch },
        codes,
      ),
  );

  // ── gate ──
  app.post(
    '/api/schools/:schoolId/days/:date/pickup/lookup',
    {
      schema: {
        tags: ['departure'],
        summary:
          '按接送码（输入或扫码）查找学生、授权接送人与照片（F-13）/ Find the child by the pickup code (typed or scanned)',
        params: dayParams,
        body: lookupBody,
        response: { 200: gateChildSchema, ...codeAnswers },
      },
    },
    async (request) =>
      lookupPickupCode(await request.requireActor(), { ...request.params, code: request.body.code }, codes),
  );

  app.post(
    '/api/schools/:schoolId/days/:date/pickup/verify',
    {
      schema: {
        tags: ['departure'],
        summary:
          '核对某学生的接送码（错 5 次锁定该码）/ Check a child’s pickup code (locked after 5 wrong tries)',
        params: dayParams,
        body: verifyBody,
        response: { 200: gateChildSchema, ...codeAnswers },
      },
    },
    async (request) =>
      verifyPickupCode(await request.requireActor(), { ...request.params, ...request.body }, codes),
  );

  app.get(
    '/api/schools/:schoolId/days/:date/pickup/children/:studentId',
    {
      schema: {
        tags: ['departure'],
        summary:
          '门口按姓名找到的学生：状态、批次、授权接送人 / A child found by name at the gate: state, batch, pickup persons',
        params: dayParams.extend({ studentId: z.uuid() }),
        response: { 200: gateChildSchema, ...write },
      },
    },
    async (request) => gateChild(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/days/:date/releases',
    {
      schema: {
        tags: ['departure'],
        summary:
          '放行：接送码、授权接送人（须核验身份）或独自离校（须家长同意）；早于离校批次须确认；同一学生只能放行一次 / Release a child: by code, to a listed person (identity checked), or alone; before the batch only when confirmed',
        params: dayParams,
        body: releaseBody,
        response: { 201: releaseResultSchema, ...codeAnswers },
      },
    },
    async (request, reply) => {
      const result = await releaseChild(
        await request.requireActor(),
        { ...request.params, ...request.body },
        codes,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/schools/:schoolId/days/:date/calls',
    {
      schema: {
        tags: ['departure'],
        summary: '门口叫人：接送人已到，通知老师带孩子出来 / Call a child to the gate',
        params: dayParams,
        body: callBody,
        response: { 201: callResultSchema, ...write },
      },
    },
    async (request, reply) => {
      const result = await callChild(await request.requireActor(), { ...request.params, ...request.body });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/schools/:schoolId/days/:date/custody',
    {
      schema: {
        tags: ['departure'],
        summary:
          '转入延时托管，由指定人员看护（C 延时托管）/ Place a child in extended custody with a named staff member',
        params: dayParams,
        body: custodyBody,
        response: { 201: custodyResultSchema, ...write },
      },
    },
    async (request, reply) => {
      const result = await placeInCustody(await request.requireActor(), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );
};

export default routes;
