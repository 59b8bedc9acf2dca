import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { errorResponse } from '../../schemas.js';
import { readUpload, SCAN_MAX_BYTES } from '../../uploads.js';
import { applicationScan } from './application-scan.js';
import { applicationView } from './application-view.js';
import { approveApplications } from './approve-applications.js';
import { coverageGap } from './coverage-gap.js';
import { applicationForm, childApplications, guardianOverview } from './guardian-applications.js';
import { listApplications } from './list-applications.js';
import { addPickupPerson, pickupPhoto, removePickupPerson, setPickupPhoto } from './pickup-persons.js';
import { recordPaperApplication } from './record-paper-application.js';
import {
  applicationFormQuery,
  applicationFormSchema,
  applicationIdsBody,
  applicationListSchema,
  applicationSchema,
  approveResultSchema,
  childApplicationsSchema,
  coverageGapQuery,
  coverageGapSchema,
  guardianOverviewSchema,
  listApplicationsQuery,
  paperApplicationData,
  pickupPersonBody,
  pickupPersonSchema,
  submitApplicationBody,
  waitlistBody,
  withdrawResultSchema,
} from './schemas.js';
import { submitApplication } from './submit-application.js';
import { waitlistApplications } from './waitlist-applications.js';
import { withdrawApplication } from './withdraw-application.js';

const schoolParams = z.object({ schoolId: z.uuid() });
const childParams = z.object({ schoolId: z.uuid(), studentId: z.uuid() });
const applicationParams = z.object({ schoolId: z.uuid(), applicationId: z.uuid() });
const personParams = z.object({ schoolId: z.uuid(), studentId: z.uuid(), personId: z.uuid() });
const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...denied, 409: errorResponse };
const upload = { ...write, 413: errorResponse, 415: errorResponse };
// A scan or photo goes out as bytes (fastify sends a Buffer as it is, unserialised).
const fileBytes = z.unknown().describe('application/pdf, image/jpeg or image/png');

const routes: FastifyPluginAsyncZod = async (app) => {
  // ── guardian ──────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/guardian/applications',
    {
      schema: {
        tags: ['applications'],
        summary: '我的孩子的报名状态 / Each of my children’s application status',
        response: { 200: guardianOverviewSchema, ...denied },
      },
    },
    async (request) => guardianOverview(await request.requireActor()),
  );

  app.get(
    '/api/guardian/application-form',
    {
      schema: {
        tags: ['applications'],
        summary: '报名表：服务公示的可选项与我的孩子（F-06）/ The application form for a school and term',
        querystring: applicationFormQuery,
        response: { 200: applicationFormSchema, ...write },
      },
    },
    async (request) => applicationForm(await request.requireActor(), request.query),
  );

  app.get(
    '/api/schools/:schoolId/students/:studentId/applications',
    {
      schema: {
        tags: ['applications'],
        summary: '一个孩子的报名申请与接送人 / A child’s applications and pickup persons',
        params: childParams,
        response: { 200: childApplicationsSchema, ...denied },
      },
    },
    async (request) => childApplications(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/students/:studentId/applications',
    {
      schema: {
        tags: ['applications'],
        summary: '家长网上报名（B 四(一) 自愿参加）/ A guardian applies for their child',
        params: childParams,
        body: submitApplicationBody,
        response: { 201: applicationSchema, ...write },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      const row = await submitApplication(ctx, { ...request.params, ...request.body });
      return reply.status(201).send(await applicationView(ctx.db, row.schoolId, row.applicationId));
    },
  );

  app.post(
    '/api/schools/:schoolId/applications/:applicationId/withdraw',
    {
      schema: {
        tags: ['applications'],
        summary: '退出课后服务，自下一个服务日起生效 / Withdraw, effective from the next service day',
        params: applicationParams,
        response: { 200: withdrawResultSchema, ...write },
      },
    },
    async (request) => withdrawApplication(await request.requireActor(), request.params),
  );

  app.post(
    '/api/schools/:schoolId/students/:studentId/pickup-persons',
    {
      schema: {
        tags: ['applications'],
        summary: '添加接送人 / Add a pickup person',
        params: childParams,
        body: pickupPersonBody,
        response: { 201: pickupPersonSchema, ...write },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addPickupPerson(await request.requireActor(), { ...request.params, ...request.body })),
  );

  app.delete(
    '/api/schools/:schoolId/students/:studentId/pickup-persons/:personId',
    {
      schema: {
        tags: ['applications'],
        summary: '删除接送人 / Remove a pickup person',
        params: personParams,
        response: { 204: z.null(), ...write },
      },
    },
    async (request, reply) => {
      await removePickupPerson(await request.requireActor(), request.params);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/schools/:schoolId/students/:studentId/pickup-persons/:personId/photo',
    {
      schema: {
        tags: ['applications'],
        summary: '上传接送人照片（JPG、PNG）/ Upload a pickup person’s photo',
        params: personParams,
        response: { 200: pickupPersonSchema, ...upload },
      },
    },
    async (request) => {
      const ctx = await request.requireActor();
      const scope = await loadSchoolScope(ctx.db, request.params.schoolId);
      // Permission first: nobody else's upload is read at all.
      authorize(ctx.actor, 'application.create', {
        regionPath: scope.regionPath,
        schoolId: scope.schoolId,
        studentId: request.params.studentId,
      });
      const photo = await readUpload(request, { accept: ['jpeg', 'png'], maxBytes: SCAN_MAX_BYTES });
      return setPickupPhoto(ctx, { ...request.params, photo });
    },
  );

  app.get(
    '/api/schools/:schoolId/students/:studentId/pickup-persons/:personId/photo',
    {
      schema: {
        tags: ['applications'],
        summary: '接送人照片 / A pickup person’s photo',
        params: personParams,
        response: { 200: fileBytes, ...denied },
      },
    },
    async (request, reply) => {
      const file = await pickupPhoto(await request.requireActor(), request.params);
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  // ── school office ─────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/schools/:schoolId/applications',
    {
      schema: {
        tags: ['applications'],
        summary: '报名审核列表（按学期与状态，分页）/ Applications by term and status, paged',
        params: schoolParams,
        querystring: listApplicationsQuery,
        response: { 200: applicationListSchema, ...denied },
      },
    },
    async (request) =>
      listApplications(await request.requireActor(), { ...request.params, ...request.query }),
  );

  app.post(
    '/api/schools/:schoolId/applications/approve',
    {
      schema: {
        tags: ['applications'],
        summary: '审核通过并录取（B 五(二) 学校审核）/ Approve applications and enroll the children',
        params: schoolParams,
        body: applicationIdsBody,
        response: { 200: approveResultSchema, ...write },
      },
    },
    async (request) =>
      approveApplications(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.post(
    '/api/schools/:schoolId/applications/waitlist',
    {
      schema: {
        tags: ['applications'],
        summary: '列入候补并说明原因 / Waitlist applications with the reason',
        params: schoolParams,
        body: waitlistBody,
        response: { 200: z.object({ count: z.number().int() }), ...write },
      },
    },
    async (request) =>
      waitlistApplications(await request.requireActor(), { ...request.params, ...request.body }),
  );

  app.post(
    '/api/schools/:schoolId/applications/paper',
    {
      schema: {
        tags: ['applications'],
        summary:
          '录入纸质申请：家长姓名、申请表日期与扫描件（PDF、JPG、PNG）/ Record a paper application with its scan',
        params: schoolParams,
        response: { 201: applicationSchema, ...upload },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      const scope = await loadSchoolScope(ctx.db, request.params.schoolId);
      authorize(ctx.actor, 'application.review', { regionPath: scope.regionPath, schoolId: scope.schoolId });
      const scan = await readUpload(request, { accept: ['pdf', 'jpeg', 'png'], maxBytes: SCAN_MAX_BYTES });
      const data = parsePaperData(scan.fields.data);
      const row = await recordPaperApplication(ctx, { ...data, schoolId: scope.schoolId, scan });
      return reply.status(201).send(await applicationView(ctx.db, row.schoolId, row.applicationId));
    },
  );

  app.get(
    '/api/schools/:schoolId/applications/:applicationId/scan',
    {
      schema: {
        tags: ['applications'],
        summary: '纸质申请扫描件 / The scan of a paper application',
        params: applicationParams,
        response: { 200: fileBytes, ...denied },
      },
    },
    async (request, reply) => {
      const file = await applicationScan(await request.requireActor(), request.params);
      const name = encodeURIComponent(file.fileName);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${name}`)
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  // ── bureau ────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/regions/:regionId/application-gaps',
    {
      schema: {
        tags: ['applications'],
        summary: '候补人数（应托尽托的缺口，C）/ Waitlisted children per school: the coverage gap',
        params: z.object({ regionId: z.uuid() }),
        querystring: coverageGapQuery,
        response: { 200: coverageGapSchema, ...denied },
      },
    },
    async (request) => coverageGap(await request.requireActor(), { ...request.params, ...request.query }),
  );
};

function parsePaperData(raw: string | undefined) {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      zh: '缺少申请内容（data 字段须为 JSON）',
      en: 'The application fields are missing (the data field must be JSON)',
    });
  }
  const parsed = paperApplicationData.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message }));
    throw new AppError('VALIDATION_FAILED', {
      zh: `申请内容有误：${fields.map((f) => f.path.slice(5)).join('、')}`,
      en: `The application fields are not valid: ${fields.map((f) => f.path.slice(5)).join(', ')}`,
      details: { fields },
    });
  }
  return parsed.data;
}

export default routes;
