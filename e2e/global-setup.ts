// Browser tests: build the web app if stale, start kehou on an embedded database with the demo
// data made for today, and tell the specs where it listens and where its database is (the journeys
// that depend on the day make demo databases for other days beside it: daily/any-day.spec.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain .mjs script without types
import { buildWebIfStale } from '../scripts/build-if-stale.mjs';
import { openDatabase } from '../src/db/connect.js';
import { startDemoServer } from './demo-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  (buildWebIfStale as () => void)();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({ dataDir });
  // Journeys run on the demo clock, at the most recent service day of the demo school (issue 5).
  const server = await startDemoServer(database, new Date());
  project.provide('baseUrl', server.baseUrl);
  project.provide('databaseUrl', database.ownerUrl);
  return async () => {
    await server.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
