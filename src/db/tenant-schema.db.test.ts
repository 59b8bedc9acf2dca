// The Citus-ready rule (ARCHITECTURE "Distributed"), checked on the migrated schema so that every
// later table keeps it: a tenant table has `school_id` in its primary key and in every foreign key
// to another tenant table; no reference or global table points into tenant data.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';

// Every table is in exactly one class. A new table must be added here, deliberately.
const TENANT = [
  'school_memberships',
  'classes',
  'students',
  'guardianships',
  'school_no_service_days',
  'plans',
  'plan_events',
  'notices',
  'files',
  'staff',
  'responsibility_letters',
  'pickup_persons',
  'applications',
  'consents',
  'enrollments',
  'service_groups',
  'group_members',
  'duty_assignments',
  'notifications',
  'child_day_events',
  'leave_requests',
  'batch_choices',
  'pickup_codes',
  'handovers',
  'gate_visits',
  'day_closures',
];
// Small and replicated to every node under Citus, so tenant rows may reference them. `schools` is
// one: a province has thousands of schools, not millions, and its unique code must stay unique.
const REFERENCE = ['regions', 'schools', 'users', 'policy_versions', 'calendar_overrides', 'terms'];
// Not per school; on the coordinator under Citus.
const GLOBAL = [
  'region_memberships',
  'sessions',
  'login_attempts',
  'setup_tokens',
  'audit_log',
  'login_codes',
  'idempotency_keys',
];

interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

describe('tenant keys on the migrated schema', () => {
  let database: TestDatabase;
  let tables: string[];
  let primaryKeys: Map<string, string[]>;
  let foreignKeys: ForeignKey[];
  let schoolIdNullable: Map<string, boolean>;
  let uniqueIndexes: { table: string; name: string; columns: string[] }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const q = async <T extends pg.QueryResultRow>(sql: string) => (await database.pool.query<T>(sql)).rows;
    tables = (
      await q<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
      )
    ).map((r) => r.relname);
    primaryKeys = new Map(
      (
        await q<{ table: string; columns: string[] }>(
          `select c.conrelid::regclass::text as table,
                  array_agg(a.attname order by k.ord)::text[] as columns
           from pg_constraint c
           cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
           where c.contype = 'p' and c.connamespace = 'public'::regnamespace
           group by c.conrelid`,
        )
      ).map((r) => [r.table, r.columns]),
    );
    foreignKeys = await q<ForeignKey>(
      `select c.conrelid::regclass::text as table, c.conname as name, c.confrelid::regclass::text as "refTable",
              array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o)::text[] as columns,
              array(select a.attname from unnest(c.confkey) with ordinality k(n, o)
                    join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)::text[] as "refColumns"
       from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    schoolIdNullable = new Map(
      (
        await q<{ table: string; nullable: boolean }>(
          `select table_name as table, is_nullable = 'YES' as nullable from information_schema.columns
           where table_schema = 'public' and column_name = 'school_id'`,
        )
      ).map((r) => [r.table, r.nullable]),
    );
    uniqueIndexes = await q<{ table: string; name: string; columns: string[] }>(
      `select i.indrelid::regclass::text as table, c.relname as name,
              array(select a.attname from unnest(i.indkey) k(n) join pg_attribute a
                    on a.attrelid = i.indrelid and a.attnum = k.n)::text[] as columns
       from pg_index i join pg_class c on c.oid = i.indexrelid
       join pg_namespace ns on ns.oid = c.relnamespace
       where i.indisunique and ns.nspname = 'public'`,
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it('classifies every table exactly once', () => {
    const classified = [...TENANT, ...REFERENCE, ...GLOBAL];
    expect(new Set(classified).size).toBe(classified.length);
    expect([...tables].sort()).toEqual([...classified].sort());
  });

  it('gives every tenant table a NOT NULL school_id that leads its primary key', () => {
    for (const table of TENANT) {
      expect(schoolIdNullable.get(table), `${table}.school_id`).toBe(false);
      expect(primaryKeys.get(table)?.[0], `primary key of ${table}`).toBe('school_id');
    }
  });

  it('puts school_id in every foreign key between tenant tables, matched to school_id', () => {
    const between = foreignKeys.filter((fk) => TENANT.includes(fk.table) && TENANT.includes(fk.refTable));
    expect(between.length).toBeGreaterThan(0);
    for (const fk of between) {
      const i = fk.columns.indexOf('school_id');
      expect(i, `${fk.table}.${fk.name} includes school_id`).toBeGreaterThanOrEqual(0);
      expect(fk.refColumns[i], `${fk.table}.${fk.name} matches school_id`).toBe('school_id');
    }
  });

  it('keeps school_id in every unique index of a tenant table (Citus enforces uniqueness per shard)', () => {
    const tenantUnique = uniqueIndexes.filter((u) => TENANT.includes(u.table));
    expect(tenantUnique.length).toBeGreaterThan(0);
    for (const u of tenantUnique) expect(u.columns, `${u.table}.${u.name}`).toContain('school_id');
  });

  it('has no foreign key from a reference or global table into tenant data', () => {
    const outward = foreignKeys.filter((fk) => !TENANT.includes(fk.table) && TENANT.includes(fk.refTable));
    expect(outward).toEqual([]);
  });

  it('lets tenant tables point only at tenant or reference tables (never global ones)', () => {
    const toGlobal = foreignKeys.filter((fk) => TENANT.includes(fk.table) && GLOBAL.includes(fk.refTable));
    expect(toGlobal).toEqual([]);
  });
});
