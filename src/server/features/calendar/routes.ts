import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse, queryInteger, text } from '../../schemas.js';
import { deleteCalendarOverride, getRegionCalendar, putCalendarOverride } from './use-cases.js';

const entrySchema = z.object({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'makeup_workday', 'workday']),
  name: z.string(),
  confirmed: z.boolean(),
});

const calendarResponse = z.object({
  regionId: z.uuid(),
  year: z.number().int(),
  packageYears: z.object({ first: z.number().int(), last: z.number().int() }),
  packageCoversYear: z.boolean(),
  official: z.array(
    z.object({
      date: z.iso.date(),
      kind: z.enum(['holiday', 'makeup_workday', 'workday']),
      name: z.string(),
      source: z.literal('package'),
    }),
  ),
  provisional: z.array(z.object({ date: z.iso.date(), name: z.string(), confirmed: z.boolean() })),
  overrides: z.array(entrySchema.extend({ inherited: z.boolean() })),
});

const denied = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const dayParams = z.object({ regionId: z.uuid(), date: z.iso.date() });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions/:regionId/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: '地区校历设置（节假日、调休、暂定法定假日）/ A region’s calendar entries for a year',
        params: z.object({ regionId: z.uuid() }),
        querystring: z.strictObject({ year: queryInteger(2000, 2099) }),
        response: { 200: calendarResponse, ...denied },
      },
    },
    async (request) =>
      getRegionCalendar(await request.requireActor(), request.params.regionId, request.query.year),
  );

  app.put(
    '/api/regions/:regionId/calendar/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置某日为假日、调休上班日或工作日 / Set a date as holiday, make-up working day or workday',
        params: dayParams,
        body: z.strictObject({
          kind: z.enum(['holiday', 'makeup_workday', 'workday']),
          name: text(30),
          confirmed: z.boolean().default(true),
        }),
        response: { 200: entrySchema, ...denied },
      },
    },
    async (request) =>
      putCalendarOverride(await request.requireActor(), request.params.regionId, {
        date: request.params.date,
        ...request.body,
      }),
  );

  app.delete(
    '/api/regions/:regionId/calendar/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '删除本地区对某日的设置 / Remove the region’s entry for a date',
        params: dayParams,
        response: { 204: z.null(), ...denied },
      },
    },
    async (request, reply) => {
      await deleteCalendarOverride(
        await request.requireActor(),
        request.params.regionId,
        request.params.date,
      );
      return reply.status(204).send(null);
    },
  );
};

export default routes;
