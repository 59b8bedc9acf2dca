// Vitest globalSetup for the storage tests: one PostgreSQL per run, a template database migrated
// once, then each test file clones it (CREATE DATABASE … TEMPLATE, ≈ 45 ms).
// KEHOU_TEST_DB=embedded starts the embedded server in a temporary folder; KEHOU_TEST_DB=server
// uses TEST_DATABASE_URL (the machine's PostgreSQL in CI).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedServer, startEmbedded } from '../src/db/embedded.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { APP_ROLE, appRolePassword, ensureAppRole } from '../src/db/roles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
    dbKind: 'embedded' | 'server';
  }
}

export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const kind = project.config.env?.KEHOU_TEST_DB === 'server' ? 'server' : 'embedded';
  let embedded: EmbeddedServer | null = null;
  let tmp: string | null = null;
  let adminUrl: string;
  if (kind === 'server') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('KEHOU_TEST_DB=server needs TEST_DATABASE_URL');
    adminUrl = url;
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-test-'));
    fs.chmodSync(tmp, 0o755);
    embedded = await startEmbedded({ dataDir: tmp });
    adminUrl = embedded.url('postgres');
  }
  const template = `kehou_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 });
  await migrateDatabase(pool);
  // The application role with its grants, as kehou makes it (src/db/roles.ts): the apps of the
  // storage tests serve as kehou_app, so a route that needs more than it may have fails here.
  await ensureAppRole(pool, { role: APP_ROLE, password: appRolePassword(adminUrl) });
  await pool.end();
  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);
  project.provide('dbKind', kind);

  return async () => {
    await admin.query(`drop database if exists ${template}`).catch(() => {});
    // Databases of files that crashed before dropping their own.
    const left = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${template.replace('kehou_tpl_', 'kehou_t_')}%`],
    );
    for (const row of left.rows)
      await admin.query(`drop database if exists ${row.datname} with (force)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
