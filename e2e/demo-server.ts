// A kehou server with the demo data, as `npm run demo` makes it on a given day: the demo seeded for
// that day, the demo clock at the demo school's most recent service day (issue 5), listening on a
// free port of 127.0.0.1. The browser tests run on one made for today (global-setup.ts) and, for the
// journeys that depend on the day, on ones made for other weekdays (daily/any-day.spec.ts).
import { randomBytes } from 'node:crypto';
import type { Database } from '../src/db/connect.js';
import { startDemoClock } from '../src/demo/daily.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildApp, defaultWebRoot } from '../src/server/app.js';

export interface DemoServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startDemoServer(database: Database, today: Date): Promise<DemoServer> {
  await seedDemo(database, { today });
  const clock = (await startDemoClock(database, { today })) ?? undefined;
  const app = await buildApp({
    database,
    // Each demo server its own secret, as each deployment has (issue 13.8).
    secret: randomBytes(32),
    clock,
    webRoot: defaultWebRoot,
    // Every journey logs in through the form or the API; keep the login limit out of their way.
    rateLimit: { max: 100_000, loginMax: 1000, timeWindowMs: 60_000 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
