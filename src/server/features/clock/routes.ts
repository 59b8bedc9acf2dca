// The server's time as the school reads it (GET /api/clock), and in the demo only the demo clock's
// control (PUT /api/demo/clock). Pages take "today" from here, never from the phone's own clock: a
// phone set to the wrong date must not mark the wrong day, and the demo's day is the server's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../../../domain/dates.js';
import {
  type Clock,
  type DemoClock,
  schoolDate,
  schoolInstant,
  schoolTime,
  systemClock,
} from '../../clock.js';
import { AppError } from '../../errors.js';
import { can } from '../../policies/policy.js';
import { errorResponse } from '../../schemas.js';

export const clockView = z.object({
  now: z.string().describe('ISO instant'),
  today: z.string().describe('the school date (Asia/Shanghai), YYYY-MM-DD'),
  time: z.string().describe('HH:MM in Asia/Shanghai'),
  demo: z.boolean().describe('true when the server runs on the demo clock'),
});

const demoClockInput = z.object({
  date: z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD / The date must be YYYY-MM-DD' }),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM / The time must be HH:MM' }),
});

// A demo clock may move at most this far from the real date (a year either way).
const DEMO_RANGE_MS = 366 * 86_400_000;

function view(clock: Clock, demo: boolean) {
  const now = clock.now();
  return { now: now.toISOString(), today: schoolDate(now), time: schoolTime(now), demo };
}

const routes: FastifyPluginAsyncZod<{ clock: Clock; demoClock: DemoClock | null }> = async (
  app,
  { clock, demoClock },
) => {
  app.get(
    '/api/clock',
    {
      schema: {
        tags: ['clock'],
        summary: '服务器时间与学校日期（上海时区）；演示环境标明演示时钟 / Server time and the school date',
        response: { 200: clockView },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return view(clock, demoClock !== null);
    },
  );

  if (!demoClock) return;
  app.put(
    '/api/demo/clock',
    {
      schema: {
        tags: ['clock'],
        summary:
          '仅演示环境：把演示时钟调到某日某时（之后照常走动）/ Demo only: set the demo clock to a date and time',
        body: demoClockInput,
        response: { 200: clockView, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { actor } = await request.requireActor();
      if (!can(actor, 'demo.clock.move', { regionPath: '' })) throw new AppError('FORBIDDEN');
      const at = schoolInstant(request.body.date, request.body.time);
      if (Math.abs(at.getTime() - systemClock.now().getTime()) > DEMO_RANGE_MS) {
        throw new AppError('VALIDATION_FAILED', {
          zh: '演示时钟只能调到一年以内的日期',
          en: 'The demo clock can move at most a year from today',
          details: { fields: [{ path: 'body.date', message: 'out of range' }] },
        });
      }
      demoClock.set(at);
      request.log.info({ at: at.toISOString() }, 'demo clock set');
      return view(clock, true);
    },
  );
};

export default routes;
