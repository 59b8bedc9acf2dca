// The kehou server. Reading this file tells the whole start-up order: external plugins (security
// headers, rate limiting, cookies, validation, OpenAPI) → app plugins (errors, auth) → routes →
// the web app's static files.
import './zod-messages.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/connect.js';
import { type Clock, DemoClock, systemClock } from './clock.js';
import { forgetServiceDays } from './daily/service-day.js';
import { AppError, errorBody } from './errors.js';
import applicationsRoutes from './features/applications/routes.js';
import attendanceRoutes from './features/attendance/routes.js';
import auditRoutes from './features/audit/routes.js';
import authRoutes from './features/auth/routes.js';
import calendarRoutes from './features/calendar/routes.js';
import clockRoutes from './features/clock/routes.js';
import dayCloseRoutes from './features/day-close/routes.js';
import { PickupCodeKey } from './features/departure/pickup-code-key.js';
import departureRoutes from './features/departure/routes.js';
import gateBoardRoutes from './features/gate-board/routes.js';
import gateVisitsRoutes from './features/gate-visits/routes.js';
import groupingRoutes from './features/grouping/routes.js';
import guardianRoutes from './features/guardian/routes.js';
import guardianCodesRoutes from './features/guardian-codes/routes.js';
import handoverRoutes from './features/handover/routes.js';
import healthRoutes from './features/health/routes.js';
import homeRoutes from './features/home/routes.js';
import leaveRoutes from './features/leave/routes.js';
import membersRoutes from './features/members/routes.js';
import noServiceDaysRoutes from './features/no-service-days/routes.js';
import noticeRoutes from './features/notice/routes.js';
import notificationsRoutes from './features/notifications/routes.js';
import plansRoutes from './features/plans/routes.js';
import policyRoutes from './features/policy/routes.js';
import regionsRoutes from './features/regions/routes.js';
import rosterRoutes from './features/roster/routes.js';
import rosterImportRoutes from './features/roster-import/routes.js';
import rotaRoutes from './features/rota/routes.js';
import schoolsRoutes from './features/schools/routes.js';
import setupRoutes from './features/setup/routes.js';
import staffRoutes from './features/staff/routes.js';
import studentsRoutes from './features/students/routes.js';
import termsRoutes from './features/terms/routes.js';
import authPlugin from './plugins/auth.js';
import errorsPlugin from './plugins/errors.js';
import idempotencyPlugin from './plugins/idempotency.js';

// Writes under these (and, harmlessly, a few other term-scoped writes such as the rota) may change
// which days are service days.
const SCHEDULE_INPUTS = /^\/api\/([^?]*\/)?(policy|terms|calendar|no-service-days|plans)(\/|\?|$)/;

export interface AppOptions {
  database: Database;
  // The server secret (`loadServerSecret`): the key of the pickup codes' hashes (issue 13.8). Every
  // process serving one database needs the same one.
  secret: Buffer;
  // A DemoClock (`kehou demo` only) also opens PUT /api/demo/clock.
  clock?: Clock;
  logger?: boolean | { level: string };
  // Set when served over HTTPS (directly or behind a proxy that terminates TLS).
  secureCookies?: boolean;
  trustProxy?: boolean;
  rateLimit?: { max: number; loginMax: number; timeWindowMs: number };
  // Folder of the built web app; null serves the API only.
  webRoot?: string | null;
  bodyLimitBytes?: number;
  // Told every route as it is registered, one call per method (tests list them; HEAD copies skipped).
  onRoute?: (route: { method: string; url: string }) => void;
}

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 256 * 1024,
    // Requests that outlive this are cut (slow-loris); long-lived SSE sets its own later.
    requestTimeout: 60_000,
  });
  const onRoute = options.onRoute;
  if (onRoute) {
    app.addHook('onRoute', (route) => {
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
        if (method !== 'HEAD') onRoute({ method, url: route.url });
      }
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // ── external ──
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: options.secureCookies ? { maxAge: 15_552_000 } : false,
  });
  // Counted per address (the client's, with KEHOU_TRUST_PROXY behind a proxy). A school whose
  // staff share one public address may need a higher KEHOU_RATE_LIMIT.
  const limits = options.rateLimit ?? { max: 3000, loginMax: 30, timeWindowMs: 60_000 };
  await app.register(rateLimit, {
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      ...errorBody(
        new AppError('RATE_LIMITED', { details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) } }),
      ),
    }),
  });
  await app.register(cookie);
  // Before compression, so that it keeps answers as the JSON text they were (see the plugin).
  await app.register(idempotencyPlugin, { database: options.database, clock });
  // File uploads (scans, photos, spreadsheets): limits are set per route by `readUpload`; these are
  // the outer bounds.
  await app.register(multipart, { limits: { fileSize: 12 * 1024 * 1024, files: 1, fields: 20, parts: 21 } });
  // Phones on mobile networks: the pages and API answers go out compressed (brotli at a quality that
  // costs little CPU, else gzip). Answers under 8 KB go as they are: they fit in TCP's first window
  // (10 segments, about 14 KB), so compressing them saves no round trip, only CPU on both ends — a
  // roll call's answer of 30 marks is about 5 KB, and compressing it cost a twentieth of the server's time.
  await app.register(compress, {
    threshold: 8192,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'kehou 课后服务平台 API',
        version: '0.1.0',
        description:
          'The API the kehou web pages use. Cookie sessions; every write carries the session CSRF token in `x-csrf-token`. Errors: `{ error: CODE, message: "中文 / English", details? }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kehou_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // ── app ──
  await app.register(errorsPlugin);
  // Accounts live in real time even on the demo clock: moving it signs nobody out (issue 13.10).
  const accountClock = clock instanceof DemoClock ? clock.real : clock;
  await app.register(authPlugin, { database: options.database, clock, accountClock });

  // Answers of the API carry personal data (children, guardians, phones, pickup codes): no browser
  // or proxy cache keeps them (issue 13.7); the service worker never caches the API either.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  // ── routes ──
  // A change to what makes a day a service day (a plan approved or reopened, a term, the calendar, a
  // no-service day, the policy) makes this process forget its cached school schedules before the
  // answer goes out (src/server/daily/service-day.ts).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && reply.statusCode < 400 && SCHEDULE_INPUTS.test(request.url)) {
      forgetServiceDays();
    }
    return payload;
  });
  const window = limits.timeWindowMs;
  await app.register(healthRoutes, { database: options.database });
  await app.register(clockRoutes, { clock, demoClock: clock instanceof DemoClock ? clock : null });
  await app.register(authRoutes, {
    secureCookies: options.secureCookies ?? false,
    loginRateLimit: { max: limits.loginMax, timeWindow: window },
  });
  await app.register(setupRoutes, { secureCookies: options.secureCookies ?? false });
  await app.register(regionsRoutes);
  await app.register(schoolsRoutes);
  await app.register(membersRoutes);
  await app.register(studentsRoutes);
  await app.register(guardianRoutes);
  await app.register(auditRoutes);
  await app.register(policyRoutes);
  await app.register(termsRoutes);
  await app.register(calendarRoutes);
  await app.register(plansRoutes);
  await app.register(noServiceDaysRoutes);
  await app.register(noticeRoutes);
  await app.register(notificationsRoutes);
  await app.register(rosterImportRoutes);
  await app.register(guardianCodesRoutes, {
    secureCookies: options.secureCookies ?? false,
    loginRateLimit: { max: limits.loginMax, timeWindow: window },
  });
  await app.register(groupingRoutes);
  await app.register(staffRoutes);
  await app.register(rotaRoutes);
  await app.register(rosterRoutes);
  await app.register(applicationsRoutes);
  await app.register(attendanceRoutes);
  await app.register(leaveRoutes);
  await app.register(handoverRoutes);
  await app.register(homeRoutes);
  await app.register(gateVisitsRoutes);
  await app.register(dayCloseRoutes);
  await app.register(departureRoutes, { codes: new PickupCodeKey(options.secret) });
  await app.register(gateBoardRoutes, { database: options.database, clock });

  // ── web app ──
  const webRoot = options.webRoot === undefined ? defaultWebRoot : options.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders(reply, filePath) {
        // Built assets have content hashes in their names: cache them for good. The page itself
        // is checked every time, so a deploy reaches everyone at their next load.
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.get('/*', (request, reply) => {
      if (request.url.startsWith('/api/')) throw new AppError('ROUTE_NOT_FOUND');
      // A missing asset (an old page asking for a file of the previous build) is a plain 404, so
      // the page can notice and reload, rather than receiving HTML as JavaScript.
      if (request.url.startsWith('/assets/')) throw new AppError('NOT_FOUND');
      // Client-side routes: the single page decides (and shows its own 404 page).
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    });
  }
  return app;
}
