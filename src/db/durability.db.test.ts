import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { checkDurability } from './connect.js';
import { StartupError } from './startup-error.js';

describe('durability check for DATABASE_URL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('accepts a server with fsync and synchronous_commit on', async () => {
    await expect(checkDurability(database.pool)).resolves.toBeUndefined();
  });

  it('refuses a server whose commits are not synchronous, with a clear message', async () => {
    const pool = new pg.Pool({ connectionString: database.url, options: '-c synchronous_commit=off' });
    const error = await checkDurability(pool).catch((e: unknown) => e);
    await pool.end();
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe('DB_NOT_DURABLE');
    expect((error as StartupError).zh).toContain('synchronous_commit=off');
    expect((error as StartupError).en).toContain('refuses to start');
  });
});
