// Browser tests: build the web app if stale, start kehou on an embedded database with the demo
// data, and tell the specs where it listens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain .mjs script without types
import { buildWebIfStale } from '../scripts/build-if-stale.mjs';
import { openDatabase } from '../src/db/connect.js';
import { startDemoClock } from '../src/demo/daily.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildApp, defaultWebRoot } from '../src/server/app.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  (buildWebIfStale as () => void)();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({ dataDir });
  await seedDemo(database, { today: new Date() });
  // Journeys run on the demo clock, at the most recent service day of the demo school (issue 5).
  const clock = (await startDemoClock(database, { today: new Date() })) ?? undefined;
  const app = await buildApp({
    database,
    clock,
    webRoot: defaultWebRoot,
    // Every journey logs in through the form; keep the login limit out of their way.
    rateLimit: { max: 100_000, loginMax: 1000, timeWindowMs: 60_000 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
