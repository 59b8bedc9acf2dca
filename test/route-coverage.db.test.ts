// Every API route has an authorization-matrix case (issue 13.6): a route added without one fails
// here, named, and so does a case whose request reaches no route. The requests are only computed,
// never sent: each case module's `request` runs on a matrix world of its own (prepared as its matrix
// prepares it), and its URL is matched to the pattern of a registered route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoClock } from '../src/server/clock.js';
import * as applications from '../src/server/features/applications/authorization-cases.js';
import * as attendance from '../src/server/features/attendance/authorization-cases.js';
import * as dayClose from '../src/server/features/day-close/authorization-cases.js';
import * as departure from '../src/server/features/departure/authorization-cases.js';
import * as gateBoard from '../src/server/features/gate-board/authorization-cases.js';
import * as gateVisits from '../src/server/features/gate-visits/authorization-cases.js';
import * as grouping from '../src/server/features/grouping/authorization-cases.js';
import * as guardianCodes from '../src/server/features/guardian-codes/authorization-cases.js';
import * as handover from '../src/server/features/handover/authorization-cases.js';
import * as home from '../src/server/features/home/authorization-cases.js';
import * as leave from '../src/server/features/leave/authorization-cases.js';
import * as roster from '../src/server/features/roster/authorization-cases.js';
import * as rosterImport from '../src/server/features/roster-import/authorization-cases.js';
import * as rota from '../src/server/features/rota/authorization-cases.js';
import * as staff from '../src/server/features/staff/authorization-cases.js';
import { buildTestApp, type TestApp } from './app.js';
import { buildMatrixWorld, type Case, type Prepare } from './authorization.js';
import * as foundation from './authorization-matrix-cases.js';

// Routes under /api/ that no matrix covers: public by design (no session, or one they create), or,
// for the demo clock, not registered in a matrix's app.
const EXCLUDED: Record<string, string> = {
  'POST /api/auth/login': 'the login itself: anyone, before any session exists',
  'GET /api/clock': 'the server time and school date, public (pages read "today" from it)',
  'GET /api/public/notices/:schoolCode/:termCode':
    'the public notice (F-05), for anyone by QR code; authorization-matrix.db.test.ts checks every role',
  'GET /api/setup/status': 'whether the one-time setup is needed, asked before anyone exists',
  'POST /api/setup': 'the one-time setup of the first bureau admin, guarded by its printed token',
  'PUT /api/demo/clock':
    'the demo only (with a DemoClock; the matrices run on the fake clock): its roles are in clock.db.test.ts',
};
// Fastify's OpenAPI pages (the API's description, public).
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

interface Reached {
  module: string;
  name: string;
  method: string;
  url: string;
}

// The cases' module with the world it needs: `X` stays within one module.
function requestsOf<X>(module: string, m: { cases: Case<X>[]; prepare?: Prepare<X> }) {
  return async (t: TestApp): Promise<Reached[]> => {
    const { world } = await buildMatrixWorld(t);
    const extra = m.prepare ? await m.prepare(t.database.db, world) : (undefined as X);
    return m.cases.map((c, i) => {
      const { method, url } = c.request(world, 'own', i + 1, extra);
      return { module, name: c.name, method, url };
    });
  };
}

const MODULES = [
  requestsOf('test/authorization-matrix-cases.ts', foundation),
  requestsOf('applications', applications),
  requestsOf('attendance', attendance),
  requestsOf('day-close', dayClose),
  requestsOf('departure', departure),
  requestsOf('gate-board', gateBoard),
  requestsOf('gate-visits', gateVisits),
  requestsOf('grouping', grouping),
  requestsOf('guardian-codes', guardianCodes),
  requestsOf('handover', handover),
  requestsOf('home', home),
  requestsOf('leave', leave),
  requestsOf('roster', roster),
  requestsOf('roster-import', rosterImport),
  requestsOf('rota', rota),
  requestsOf('staff', staff),
];

const segments = (path: string) => path.split('/').filter((s) => s !== '');

// The registered pattern a concrete URL reaches: segment by segment, `:param` standing for any one
// segment; of several, the one with the most static segments (as Fastify's router prefers them).
function routeOf(patterns: string[], url: string): string | undefined {
  const parts = segments(url.split('?')[0] as string);
  let best: { pattern: string; statics: number } | undefined;
  for (const pattern of patterns) {
    const want = segments(pattern);
    if (want.length !== parts.length) continue;
    if (!want.every((w, i) => w.startsWith(':') || w === parts[i])) continue;
    const statics = want.filter((w) => !w.startsWith(':')).length;
    if (!best || statics > best.statics) best = { pattern, statics };
  }
  return best?.pattern;
}

describe('route coverage of the authorization matrices', () => {
  const registered: { method: string; url: string }[] = [];
  let t: TestApp;
  const reached: Reached[] = [];

  beforeAll(async () => {
    t = await buildTestApp({
      onRoute: (route) => registered.push(route),
      // On a demo clock, so that the demo's own route is registered (and listed above) too.
      clock: new DemoClock(new Date('2026-11-30T07:30:00Z')),
    });
    for (const requests of MODULES) reached.push(...(await requests(t)));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const apiRoutes = () =>
    registered.filter((r) => r.url.startsWith('/api/') && !isDocs(r.url)).map((r) => `${r.method} ${r.url}`);
  const patternsFor = (method: string) => registered.filter((r) => r.method === method).map((r) => r.url);

  it('every case reaches a registered route', () => {
    const lost = reached
      .filter((r) => !routeOf(patternsFor(r.method), r.url))
      .map((r) => `${r.module} · ${r.name}: ${r.method} ${r.url}`);
    expect(lost).toEqual([]);
  });

  it('every registered API route has a case, but for the listed public ones', () => {
    const covered = new Set(reached.map((r) => `${r.method} ${routeOf(patternsFor(r.method), r.url)}`));
    const missing = apiRoutes().filter((route) => !covered.has(route) && !(route in EXCLUDED));
    expect(missing).toEqual([]);
  });

  it('every listed exception is a registered route', () => {
    const routes = new Set(apiRoutes());
    expect(Object.keys(EXCLUDED).filter((route) => !routes.has(route))).toEqual([]);
  });
});
