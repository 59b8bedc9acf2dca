// A demo of its own for a journey (see startOwnDemo), beside the journeys' shared one.
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../src/db/connect.js';
import { withDatabase } from '../test/global-setup.js';
import { type DemoServer, startDemoServer } from './demo-server.js';

/**
 * A demo of its own for a journey that changes what the others rely on (the term's grouping) or that
 * runs on another day: a new database on the journeys' PostgreSQL, seeded for `today` as
 * `npm run demo` would be that morning, with its own server. `close()` drops it.
 */
export async function startOwnDemo(name: string, today: Date): Promise<DemoServer> {
  const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
  const dbName = `kehou_own_${name}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${dbName}`);
  await admin(`create database ${dbName}`);
  const database = await openDatabase({ databaseUrl: withDatabase(adminUrl, dbName), dataDir: '' });
  const server = await startDemoServer(database, today);
  return {
    baseUrl: server.baseUrl,
    async close() {
      await server.close();
      await database.close();
      await admin(`drop database if exists ${dbName} with (force)`);
    },
  };
}
