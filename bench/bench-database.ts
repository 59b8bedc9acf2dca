// The database every benchmark runs on: the embedded PostgreSQL in a temporary folder, or a fresh
// database on the server of BENCH_DATABASE_URL (an admin URL of a server where it may create one),
// migrated, with a pool of the given size. `close()` drops it and stops what it started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, databaseFromPool } from '../src/db/connect.js';
import { type EmbeddedServer, startEmbedded } from '../src/db/embedded.js';
import { migrateDatabase } from '../src/db/migrate.js';

export interface BenchDatabase {
  database: Database;
  pool: pg.Pool;
  url: string;
  kind: 'embedded' | 'server';
  // The embedded server's postmaster, for bench/cpu-share.ts; null on BENCH_DATABASE_URL.
  postmasterPid(): number | null;
  close(): Promise<void>;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function openBenchDatabase(options: {
  label: string;
  poolSize: number;
}): Promise<BenchDatabase> {
  let embedded: EmbeddedServer | null = null;
  let tmp: string | null = null;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-bench-'));
    fs.chmodSync(tmp, 0o755);
    embedded = await startEmbedded({ dataDir: tmp });
    adminUrl = embedded.url('postgres');
  }
  const name = `kehou_bench_${options.label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize });
  // Idle connections are cut when the database is dropped at the end.
  pool.on('error', () => undefined);
  const close = async () => {
    await pool.end();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await migrateDatabase(pool);
  } catch (error) {
    await close();
    throw error;
  }
  const kind = embedded ? 'embedded' : 'server';
  const postmasterPid = () => {
    if (!embedded) return null;
    try {
      const first = fs.readFileSync(path.join(embedded.dataDir, 'pg', 'postmaster.pid'), 'utf8');
      const pid = Number.parseInt(first.split('\n')[0] ?? '', 10);
      return Number.isInteger(pid) ? pid : null;
    } catch {
      return null;
    }
  };
  return { database: databaseFromPool(pool, kind, url), pool, url, kind, postmasterPid, close };
}
