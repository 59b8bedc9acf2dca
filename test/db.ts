// A fresh, migrated database for one test file, cloned from the run's template.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, databaseFromPool } from '../src/db/connect.js';
import { appRoleUrl } from '../src/db/roles.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase extends Database {
  name: string;
  adminUrl: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('dbAdminUrl');
  const template = inject('dbTemplate');
  const name = `${template.replace('kehou_tpl_', 'kehou_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const database = databaseFromPool(pool, inject('dbKind'), url);
  return {
    ...database,
    name,
    adminUrl,
    async close() {
      await pool.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

// Waits for the database's own connections to finish closing before dropping it: forcing them
// would make a client that is still saying goodbye emit an unhandled error.
// The same database as kehou's application role sees it (src/db/roles.ts): what a test app serves with.
export function appRoleDatabase(database: TestDatabase): Database {
  const url = appRoleUrl(withDatabase(database.adminUrl, database.name));
  return databaseFromPool(new pg.Pool({ connectionString: url, max: 10 }), database.kind, url, database.url);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('dbAdminUrl');
  const name = `${inject('dbTemplate').replace('kehou_tpl_', 'kehou_t_')}_e${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: () => dropDatabase(adminUrl, name),
  };
}
