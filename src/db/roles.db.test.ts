// The application serves as kehou_app, which PostgreSQL itself keeps from rewriting the records that
// must not lie (issue 13.2): no superuser, no owner, no DDL, no TRUNCATE, and INSERT and SELECT only
// on the append-only tables. The test apps of every storage test serve as this role too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { appRoleDatabase, createEmptyDatabase } from '../../test/db.js';
import { type Database, openDatabase } from './connect.js';
import { APP_ROLE } from './roles.js';

const APPEND_ONLY = ['audit_log', 'child_day_events'];

describe('the application role', () => {
  let t: TestApp;
  let app: Database;
  beforeAll(async () => {
    t = await buildTestApp();
    app = appRoleDatabase(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });
  const refused = async (sql: string) => {
    const error = await app.pool.query(sql).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(error, sql).not.toBeNull();
    return error as Error & { code?: string };
  };

  it('is neither a superuser nor an owner, and is what the test app serves as', async () => {
    const { rows } = await app.pool.query<{ name: string; super: boolean; owned: number }>(
      `select current_user as name, rolsuper as super,
              (select count(*)::int from pg_class c where pg_get_userbyid(c.relowner) = current_user) as owned
         from pg_roles where rolname = current_user`,
    );
    expect(rows[0]).toEqual({ name: APP_ROLE, super: false, owned: 0 });
    const served = await t.app.inject({ url: '/healthz' });
    expect(served.statusCode).toBe(200);
  });

  it('may not change, delete, truncate or unguard an append-only record', async () => {
    for (const table of APPEND_ONLY) {
      // Refused by the grants before the trigger is reached.
      expect((await refused(`update ${table} set at = at`)).message).toContain('permission denied');
      expect((await refused(`delete from ${table}`)).message).toContain('permission denied');
      expect((await refused(`truncate ${table}`)).message).toContain('permission denied');
      expect((await refused(`alter table ${table} disable trigger all`)).message).toContain('must be owner');
      expect((await refused(`drop table ${table}`)).message).toContain('must be owner');
    }
  });

  it('may not create tables or roles, nor leave its role', async () => {
    expect((await refused('create table probe (id int)')).message).toContain('permission denied');
    expect((await refused('create role probe')).message).toContain('permission denied');
    expect((await refused('set role postgres')).code).toBeDefined();
  });

  it('reads every table and writes the others with plain DML', async () => {
    const { rows } = await app.pool.query<{
      name: string;
      sel: boolean;
      ins: boolean;
      upd: boolean;
      del: boolean;
    }>(
      `select c.relname as name,
              has_table_privilege(current_user, c.oid, 'SELECT') as sel,
              has_table_privilege(current_user, c.oid, 'INSERT') as ins,
              has_table_privilege(current_user, c.oid, 'UPDATE') as upd,
              has_table_privilege(current_user, c.oid, 'DELETE') as del
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const appendOnly = APPEND_ONLY.includes(row.name);
      expect(row, row.name).toEqual({
        name: row.name,
        sel: true,
        ins: true,
        upd: !appendOnly,
        del: !appendOnly,
      });
    }
    // Every table that refuses changes by trigger is one of the append-only ones above.
    const guarded = await t.database.pool.query<{ name: string }>(
      `select distinct t.tgrelid::regclass::text as name from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where p.proname = 'kehou_refuse_change' order by 1`,
    );
    expect(guarded.rows.map((r) => r.name)).toEqual(APPEND_ONLY);
  });
});

describe('opening a database server (DATABASE_URL)', () => {
  it('migrates as the owner, then serves as kehou_app; refuses to serve as a superuser', async () => {
    const empty = await createEmptyDatabase();
    try {
      const database = await openDatabase({ databaseUrl: empty.url, dataDir: '' });
      try {
        const { rows } = await database.pool.query<{ name: string }>('select current_user as name');
        expect(rows[0]?.name).toBe(APP_ROLE);
        expect(database.ownerUrl).toBe(empty.url);
      } finally {
        await database.close();
      }
      // An application URL naming the owner (a superuser here) is refused at start.
      const error = await openDatabase({
        databaseUrl: empty.url,
        appDatabaseUrl: empty.url,
        dataDir: '',
      }).then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
      expect(error?.code).toBe('DB_APP_ROLE');
    } finally {
      await empty.drop();
    }
  });
});
