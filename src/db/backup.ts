// Online, consistent backup and restore of kehou's database without pg_dump.
//
// The embedded PostgreSQL ships no pg_dump, and the machines' pg_dump (15) refuses newer servers, so
// kehou copies its own tables: one read-only REPEATABLE READ transaction gives a consistent snapshot
// while the app keeps writing, and COPY streams every table into one gzip file. The schema itself is
// not in the file: the target is built by kehou's own migrations, and the file records which
// migrations the data belongs to.
//
// File (one gzip stream of UTF-8 lines):
//   {"format":"kehou-backup","formatVersion":1,...header}
//   {"table":"regions","columns":["id",...],"role":"all"}
//   <COPY text rows, one per line>
//   \.
//   ... one section per table, parents before children ...
//   {"end":true,"tables":[{"name":"regions","rows":12},...]}
// COPY's text format escapes backslashes and newlines, so no data line can be "\." and each row is
// one line. The trailer repeats the row counts: a file cut short has no trailer, or counts that do
// not match, and is refused before anything is committed.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { type CopyStreamQuery, from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { z } from 'zod';
import { migrateDatabase, migrationsFolder } from './migrate.js';
import { StartupError } from './startup-error.js';

export interface BackupSummary {
  formatVersion: 1;
  createdAt: string;
  // Tag of the last applied drizzle migration (its hash when this code does not know it).
  migration: string;
  schoolCode: string | null;
  tables: { name: string; rows: number }[];
}

// Sessions are not backed up: a restore would bring back sessions that were ended (logout, password
// change, disabled account) after the backup was taken. After a restore everyone logs in again.
const FULL_BACKUP_SKIPS = ['sessions'];
// Rows that no one owns: a fresh server may already hold some (the setup link printed by
// `kehou serve`, failed logins), and they do not make a target "not empty". A full restore replaces
// them with the backup's.
const EPHEMERAL_TABLES = ['sessions', 'login_attempts', 'setup_tokens'];
// Tenant tables carry this column in their primary key (ARCHITECTURE "Distributed").
const TENANT_KEY = 'school_id';
// Global tables whose rows belong to one school's history (audit_log) are scoped by this column.
const SCOPE_KEY = 'scope_school_id';
// Sections of a backup made before a later migration whose rows cannot go into the newer schema, by
// the column that tells them: pickup codes before 0006 were stored in plain text, and the server
// secret that hashes them now (issue 13.8) is not known to a restore. Codes live for one day and are
// made again when a guardian next opens the page, so such a section is left out.
const LEFT_BEHIND: ReadonlyMap<string, string> = new Map([['pickup_codes', 'code']]);
// A guard against a corrupt file that decompresses into one endless line.
const MAX_LINE_BYTES = 512 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// How a table takes part in a backup.
// all: every row (full backup). tenant: rows of the school. scoped: global rows about the school,
// appended on restore with fresh serial ids. reference: global rows that the school's rows point at,
// merged on restore (rows already there are kept).
type TableRole = 'all' | 'tenant' | 'scoped' | 'reference';

const headerSchema = z.object({
  format: z.literal('kehou-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  migration: z.string(),
  migrations: z.array(z.object({ hash: z.string(), createdAt: z.number() })),
  schoolCode: z.string().nullable(),
  schoolId: z.string().regex(UUID).nullable(),
  server: z.string(),
  skipped: z.array(z.string()),
  // Strings: bigint sequence values do not fit a JSON number.
  sequences: z.array(
    z.object({
      table: z.string(),
      column: z.string(),
      value: z
        .string()
        .regex(/^-?\d+$/)
        .nullable(),
    }),
  ),
});
type BackupHeader = z.infer<typeof headerSchema>;

const sectionSchema = z.object({
  table: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
  role: z.enum(['all', 'tenant', 'scoped', 'reference']),
});
type Section = z.infer<typeof sectionSchema>;

const trailerSchema = z.object({
  end: z.literal(true),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
});

const journalSchema = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });

// ── catalog ──────────────────────────────────────────────────────────────────

interface TableInfo {
  name: string;
  // Stored columns in attnum order (generated columns are recomputed by the target).
  columns: string[];
  primaryKey: string[];
  // Columns filled from a sequence (serial or identity).
  serialColumns: string[];
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[] }[];
}

type Queryable = Pick<pg.PoolClient, 'query'>;

async function loadCatalog(client: Queryable): Promise<TableInfo[]> {
  const tables = await client.query<Omit<TableInfo, 'foreignKeys'>>(
    `select c.relname::text as name,
            array(select a.attname::text from pg_attribute a
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                  order by a.attnum) as columns,
            array(select a.attname::text from pg_constraint k
                  cross join lateral unnest(k.conkey) with ordinality as u(attnum, ord)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                  where k.conrelid = c.oid and k.contype = 'p' order by u.ord) as "primaryKey",
            array(select a.attname::text from pg_attribute a
                  where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                    and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null
                  order by a.attnum) as "serialColumns"
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`,
  );
  const foreignKeys = await client.query<{
    table: string;
    columns: string[];
    refTable: string;
    refColumns: string[];
  }>(
    `select src.relname::text as table, dst.relname::text as "refTable",
            array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, ord)
                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord) as columns,
            array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, ord)
                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord) as "refColumns"
     from pg_constraint k
     join pg_class src on src.oid = k.conrelid
     join pg_class dst on dst.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace
       and dst.relnamespace = 'public'::regnamespace
     order by src.relname, k.conname`,
  );
  return tables.rows.map((t) => ({
    ...t,
    foreignKeys: foreignKeys.rows
      .filter((fk) => fk.table === t.name)
      .map(({ columns, refTable, refColumns }) => ({ columns, refTable, refColumns })),
  }));
}

// Parents before children, so that every row's foreign keys are satisfied when it is restored.
// A table's references to itself (regions.parent_id) are checked at the end of its COPY statement.
function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const remaining = new Set(tables.map((t) => t.name));
  while (remaining.size > 0) {
    const ready = [...remaining]
      .sort()
      .find((name) =>
        byName
          .get(name)
          ?.foreignKeys.every(
            (fk) => fk.refTable === name || placed.has(fk.refTable) || !byName.has(fk.refTable),
          ),
      );
    if (ready === undefined) {
      throw new StartupError(
        'BACKUP_SCHEMA_CYCLE',
        `表之间的外键成环（${[...remaining].join(', ')}），无法确定备份顺序。`,
        `The foreign keys between tables form a cycle (${[...remaining].join(', ')}); no backup order exists.`,
      );
    }
    const table = byName.get(ready);
    if (table) ordered.push(table);
    placed.add(ready);
    remaining.delete(ready);
  }
  return ordered;
}

function isTenant(table: TableInfo): boolean {
  return table.primaryKey.includes(TENANT_KEY);
}

// The tables of a school backup and their roles: tenant tables, global tables scoped to the school,
// and, transitively, the global tables their rows point at. Anything else (bureau memberships,
// sessions, login attempts, setup tokens) is another tenant's or nobody's and stays out.
function schoolRoles(tables: TableInfo[]): Map<string, TableRole> {
  const roles = new Map<string, TableRole>();
  for (const t of tables) {
    if (isTenant(t)) roles.set(t.name, 'tenant');
    else if (t.columns.includes(SCOPE_KEY)) roles.set(t.name, 'scoped');
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tables) {
      if (!roles.has(t.name)) continue;
      for (const fk of t.foreignKeys) {
        if (!roles.has(fk.refTable)) {
          roles.set(fk.refTable, 'reference');
          grew = true;
        }
      }
    }
  }
  return roles;
}

function rolesFor(tables: TableInfo[], schoolId: string | null): Map<string, TableRole> {
  if (schoolId !== null) return schoolRoles(tables);
  return new Map(tables.filter((t) => !FULL_BACKUP_SKIPS.includes(t.name)).map((t) => [t.name, 'all']));
}

// WHERE conditions (over the table's own columns) that select a school's rows. A reference table
// keeps the rows that included rows point at, and the ancestors of those along its own foreign key
// (a school's region and every region above it).
function schoolFilters(
  ordered: TableInfo[],
  roles: Map<string, TableRole>,
  schoolId: string,
): Map<string, string> {
  const literal = `'${schoolId}'::uuid`;
  const filters = new Map<string, string>();
  for (const table of [...ordered].reverse()) {
    const role = roles.get(table.name);
    if (role === 'tenant') filters.set(table.name, `${ident(TENANT_KEY)} = ${literal}`);
    if (role === 'scoped') filters.set(table.name, `${ident(SCOPE_KEY)} = ${literal}`);
    if (role !== 'reference') continue;
    const seeds: string[] = [];
    for (const from of ordered) {
      const fromFilter = filters.get(from.name);
      if (from.name === table.name || fromFilter === undefined) continue;
      for (const fk of from.foreignKeys.filter((k) => k.refTable === table.name)) {
        seeds.push(
          `(${list(fk.refColumns)}) in (select ${list(fk.columns)} from public.${ident(from.name)} where ${fromFilter})`,
        );
      }
    }
    const seed = seeds.length > 0 ? seeds.join(' or ') : 'false';
    const selfKeys = table.foreignKeys.filter((fk) => fk.refTable === table.name);
    if (selfKeys.length > 1) {
      throw new StartupError(
        'BACKUP_SCHEMA_UNSUPPORTED',
        `表 ${table.name} 有多个指向自身的外键，学校备份尚不支持。`,
        `Table ${table.name} has more than one foreign key to itself; school backups do not support that yet.`,
      );
    }
    const self = selfKeys[0];
    if (!self) {
      filters.set(table.name, seed);
      continue;
    }
    const keys = self.refColumns.map((_, i) => `k${i}`);
    const keep = `with recursive keep(${keys.join(', ')}) as (
        select ${list(self.refColumns)} from public.${ident(table.name)} where ${seed}
        union
        select ${self.columns.map((c) => `p.${ident(c)}`).join(', ')} from public.${ident(table.name)} p
        join keep on (${self.refColumns.map((c) => `p.${ident(c)}`).join(', ')}) = (${keys.map((k) => `keep.${k}`).join(', ')})
        where ${self.columns.map((c) => `p.${ident(c)} is not null`).join(' and ')}
      ) select ${keys.join(', ')} from keep`;
    filters.set(table.name, `(${list(self.refColumns)}) in (${keep})`);
  }
  return filters;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function list(columns: string[]): string {
  return columns.map(ident).join(', ');
}

// Both sides read and write COPY text with the same settings, so text, dates and numbers
// round-trip whatever the server's, database's or role's defaults are (node-postgres does not set a
// client encoding: it would otherwise be the database's). A large table may take minutes: no timeouts.
async function setSessionFormat(client: Queryable): Promise<void> {
  await client.query(
    `set local client_encoding = 'UTF8'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres';
     set local timezone = 'UTC'; set local extra_float_digits = 3; set local bytea_output = 'hex';
     set local statement_timeout = 0; set local idle_in_transaction_session_timeout = 0`,
  );
}

// ── migrations ───────────────────────────────────────────────────────────────

interface AppliedMigration {
  hash: string;
  createdAt: number;
}

async function appliedMigrations(client: Queryable): Promise<AppliedMigration[]> {
  const exists = await client.query<{ found: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as found`,
  );
  if (!exists.rows[0]?.found) return [];
  const { rows } = await client.query<{ hash: string; createdAt: string }>(
    `select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

function codeMigrations(): { tag: string; when: number }[] {
  const journal = journalSchema.parse(
    JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')),
  );
  return journal.entries;
}

function migrationName(applied: AppliedMigration[]): string {
  const last = applied.at(-1);
  if (!last) return '';
  return codeMigrations().find((m) => m.when === last.createdAt)?.tag ?? last.hash;
}

// ── backup ───────────────────────────────────────────────────────────────────

export async function backupDatabase(options: {
  pool: pg.Pool;
  file: string;
  schoolCode?: string;
  log?: (line: string) => void;
}): Promise<BackupSummary> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file);
  const tmp = `${file}.tmp`;
  const started = Date.now();
  const client = await options.pool.connect();
  let writer: GzipFileWriter | null = null;
  let failed = false;
  try {
    // The snapshot is taken by the first query below and every COPY reads from it, while other
    // connections keep committing: the file is the database as of one instant.
    await client.query('begin isolation level repeatable read read only');
    await setSessionFormat(client);
    const catalog = await loadCatalog(client);
    const meta = await client.query<{ now: Date; server: string }>(
      `select now() as now, current_setting('server_version') as server`,
    );
    // Keeps a migration from changing a table between its turn in the catalog and its COPY.
    if (catalog.length > 0) {
      await client.query(
        `lock table ${catalog.map((t) => `public.${ident(t.name)}`).join(', ')} in access share mode`,
      );
    }
    const migrations = await appliedMigrations(client);

    let schoolId: string | null = null;
    if (options.schoolCode !== undefined) {
      const found = await client.query<{ school_id: string }>(
        'select school_id from public.schools where code = $1',
        [options.schoolCode],
      );
      schoolId = found.rows[0]?.school_id ?? null;
      if (schoolId === null || !UUID.test(schoolId)) {
        throw new StartupError(
          'SCHOOL_NOT_FOUND',
          `未找到学校标识码为 ${options.schoolCode} 的学校。`,
          `No school with the code ${options.schoolCode}.`,
        );
      }
    }

    const ordered = dependencyOrder(catalog);
    const roles = rolesFor(ordered, schoolId);
    const filters = schoolId === null ? new Map<string, string>() : schoolFilters(ordered, roles, schoolId);
    const included = ordered.filter((t) => roles.has(t.name));

    const sequences: BackupHeader['sequences'] = [];
    for (const table of included) {
      for (const column of table.serialColumns) {
        const { rows } = await client.query<{ value: string | null }>(
          `select pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass)::text as value`,
          [`public.${ident(table.name)}`, column],
        );
        sequences.push({ table: table.name, column, value: rows[0]?.value ?? null });
      }
    }

    const header: BackupHeader = {
      format: 'kehou-backup',
      formatVersion: 1,
      createdAt: (meta.rows[0]?.now ?? new Date()).toISOString(),
      migration: migrationName(migrations),
      migrations,
      schoolCode: options.schoolCode ?? null,
      schoolId,
      server: `PostgreSQL ${meta.rows[0]?.server ?? '?'}`,
      skipped: ordered.filter((t) => !roles.has(t.name)).map((t) => t.name),
      sequences,
    };
    log(
      `备份 / backup: ${schoolId ? `学校 / school ${options.schoolCode}` : '全库 / full'}, ${header.server}, ` +
        `迁移 / migration ${header.migration || '-'}${header.skipped.length ? `, 不含 / skipped: ${header.skipped.join(', ')}` : ''}`,
    );

    // A leftover from an interrupted backup would keep its permissions; the file holds password hashes.
    await fs.promises.rm(tmp, { force: true });
    writer = new GzipFileWriter(tmp);
    await writer.write(`${JSON.stringify(header)}\n`);
    const counts: { name: string; rows: number }[] = [];
    for (const table of included) {
      const role = roles.get(table.name) ?? 'all';
      const section: Section = { table: table.name, columns: table.columns, role };
      await writer.write(`${JSON.stringify(section)}\n`);
      const where = filters.get(table.name);
      const stream = client.query(
        copyTo(
          `copy (select ${list(table.columns)} from public.${ident(table.name)}${where ? ` where ${where}` : ''}) to stdout`,
        ),
      );
      let rows = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        rows += countLines(chunk);
        await writer.write(chunk);
      }
      await writer.write('\\.\n');
      counts.push({ name: table.name, rows });
      log(`  ${table.name}: ${rows} 行 / rows`);
    }
    await writer.write(`${JSON.stringify({ end: true, tables: counts })}\n`);
    await client.query('commit');
    await writer.finish();
    writer = null;
    await durableRename(tmp, file);
    log(`备份完成 / backup done in ${Date.now() - started} ms: ${file}`);
    return {
      formatVersion: 1,
      createdAt: header.createdAt,
      migration: header.migration,
      schoolCode: header.schoolCode,
      tables: counts,
    };
  } catch (error) {
    // A COPY cut off mid-stream leaves the connection detached from its protocol state: close it
    // (the server ends the read-only transaction) rather than send it a ROLLBACK.
    failed = true;
    await writer?.abort();
    await fs.promises.rm(tmp, { force: true });
    if (error instanceof StartupError) throw error;
    throw wrap('BACKUP_FAILED', '备份失败', 'The backup failed', error);
  } finally {
    client.release(failed);
  }
}

function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) n++;
  return n;
}

// Writes into a gzip stream that pipes into a file, waiting whenever the file falls behind so that
// memory stays flat however large a table is.
class GzipFileWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;
  private failure: unknown = null;

  constructor(file: string) {
    this.done = pipeline(this.gzip, fs.createWriteStream(file, { mode: 0o600 }));
    this.done.catch((error: unknown) => {
      this.failure = error ?? new Error('backup file stream failed');
    });
  }

  async write(data: Buffer | string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(data)) await Promise.race([once(this.gzip, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    this.gzip.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => {});
  }
}

// The backup is either the complete new file or the previous one, also after a power cut.
async function durableRename(tmp: string, file: string): Promise<void> {
  const handle = await fs.promises.open(tmp, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  const dir = await fs.promises.open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

// ── reading a file ───────────────────────────────────────────────────────────

type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; section: Section }
  | { kind: 'data'; chunk: Buffer }
  | { kind: 'table-end'; table: string; rows: number }
  | { kind: 'end'; summary: BackupSummary };

function corrupt(file: string, detail: string): StartupError {
  return new StartupError(
    'BACKUP_CORRUPT',
    `备份文件 ${file} 已损坏或不完整（${detail}），未做任何更改。`,
    `The backup file ${file} is damaged or incomplete (${detail}); nothing was changed.`,
  );
}

function parseJsonLine<T>(file: string, schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupt(file, `${what} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw corrupt(file, `${what}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function parseHeader(file: string, text: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupt(file, 'no kehou backup header');
  }
  const version = z.object({ format: z.literal('kehou-backup'), formatVersion: z.number() }).safeParse(value);
  if (version.success && version.data.formatVersion !== 1) {
    throw new StartupError(
      'BACKUP_FORMAT_UNSUPPORTED',
      `备份文件格式版本 ${version.data.formatVersion} 比本程序新（支持 1），请升级 kehou 后再恢复。`,
      `The backup file has format version ${version.data.formatVersion}, newer than this kehou (1); upgrade kehou to restore it.`,
    );
  }
  return parseJsonLine(file, headerSchema, text, 'header');
}

// Streams a backup file as events, checking its structure on the way. The final 'end' event comes
// only after the whole gzip stream (with its checksum) and the trailer's row counts check out.
async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    throw new StartupError(
      'BACKUP_UNREADABLE',
      `无法读取备份文件 ${file}。`,
      `Cannot read the backup file ${file}.`,
    );
  }
  const input = fs.createReadStream(file);
  // Larger pieces mean fewer COPY messages: about a fifth faster on a million-row restore.
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let header: BackupHeader | null = null;
  let section: Section | null = null;
  let rows = 0;
  const seen: { name: string; rows: number }[] = [];
  let trailer: z.infer<typeof trailerSchema> | null = null;
  let pending = Buffer.alloc(0);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let pos = 0;
      while (pos < buf.length) {
        if (section) {
          const start = pos;
          let ended = false;
          for (;;) {
            const nl = buf.indexOf(0x0a, pos);
            if (nl < 0) break;
            if (nl - pos === 2 && buf[pos] === 0x5c && buf[pos + 1] === 0x2e) {
              ended = true;
              break;
            }
            rows++;
            pos = nl + 1;
          }
          if (pos > start) yield { kind: 'data', chunk: buf.subarray(start, pos) };
          if (!ended) break;
          pos += 3;
          seen.push({ name: section.table, rows });
          yield { kind: 'table-end', table: section.table, rows };
          section = null;
          continue;
        }
        const nl = buf.indexOf(0x0a, pos);
        if (nl < 0) break;
        const text = buf.toString('utf8', pos, nl);
        pos = nl + 1;
        if (!header) {
          header = parseHeader(file, text);
          yield { kind: 'header', header };
        } else if (trailer) {
          throw corrupt(file, 'data after the trailer');
        } else if (text.startsWith('{"end"')) {
          trailer = parseJsonLine(file, trailerSchema, text, 'trailer');
        } else {
          section = parseJsonLine(file, sectionSchema, text, 'table line');
          if (seen.some((t) => t.name === section?.table))
            throw corrupt(file, `table ${section.table} twice`);
          rows = 0;
          yield { kind: 'table', section };
        }
      }
      // A copy, so that the rest of a large chunk is not kept alive by a short tail.
      pending = Buffer.from(buf.subarray(pos));
      if (pending.length > MAX_LINE_BYTES) throw corrupt(file, 'a line longer than 512 MiB');
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw corrupt(file, error instanceof Error ? error.message : String(error));
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (!header) throw corrupt(file, 'empty');
  if (section || pending.length > 0 || !trailer) throw corrupt(file, 'it ends before the trailer');
  const expected = JSON.stringify(trailer.tables);
  if (JSON.stringify(seen) !== expected) {
    throw corrupt(file, `row counts ${JSON.stringify(seen)} differ from the trailer's ${expected}`);
  }
  yield {
    kind: 'end',
    summary: {
      formatVersion: 1,
      createdAt: header.createdAt,
      migration: header.migration,
      schoolCode: header.schoolCode,
      tables: seen,
    },
  };
}

// Reads and checks the whole file (every row is decompressed and counted).
export async function readBackupSummary(file: string): Promise<BackupSummary> {
  for await (const event of readBackup(path.resolve(file))) {
    if (event.kind === 'end') return event.summary;
  }
  throw corrupt(file, 'no trailer');
}

// ── restore ──────────────────────────────────────────────────────────────────

export async function restoreDatabase(options: {
  pool: pg.Pool;
  file: string;
  log?: (line: string) => void;
}): Promise<BackupSummary> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file);
  const started = Date.now();
  await migrateDatabase(options.pool);
  const client = await options.pool.connect();
  let copy: CopyIn | null = null;
  let broken = false;
  try {
    // One transaction: a failure anywhere, including a damaged end of the file, leaves the target
    // as it was.
    await client.query('begin');
    await setSessionFormat(client);
    const catalog = new Map((await loadCatalog(client)).map((t) => [t.name, t]));
    let plan: RestorePlan | null = null;
    let current: { table: TableInfo; section: Section; staged: string | null } | null = null;
    let leftBehind: string | null = null;
    let summary: BackupSummary | null = null;
    const restored: TableInfo[] = [];

    for await (const event of readBackup(file)) {
      switch (event.kind) {
        case 'header':
          plan = await prepareRestore(client, event.header, catalog, file, log);
          break;
        case 'table': {
          if (!plan) throw corrupt(file, 'no header');
          const marker = LEFT_BEHIND.get(event.section.table);
          if (marker && event.section.columns.includes(marker)) {
            leftBehind = event.section.table;
            log(`  ${leftBehind}: 旧格式，不恢复 / older format, left out`);
            break;
          }
          const table = checkSection(event.section, catalog, plan);
          const staged =
            plan.schoolId !== null && event.section.role !== 'tenant' ? stageName(table.name) : null;
          if (staged) {
            await client.query(
              `create temp table ${ident(staged)} on commit drop as
               select ${list(event.section.columns)} from public.${ident(table.name)} with no data`,
            );
          }
          const target = staged ? ident(staged) : `public.${ident(table.name)}`;
          copy = new CopyIn(
            client.query(copyFrom(`copy ${target} (${list(event.section.columns)}) from stdin`)),
          );
          current = { table, section: event.section, staged };
          break;
        }
        case 'data':
          if (leftBehind) break;
          if (!copy) throw corrupt(file, 'rows outside a table');
          await copy.write(event.chunk);
          break;
        case 'table-end':
          if (leftBehind) {
            leftBehind = null;
            break;
          }
          if (!copy || !current || !plan) throw corrupt(file, 'end of a table that did not start');
          await copy.end();
          copy = null;
          await finishTable(client, plan, current, event.rows, log);
          restored.push(current.table);
          current = null;
          break;
        case 'end':
          summary = event.summary;
          break;
      }
    }
    if (!plan || !summary) throw corrupt(file, 'incomplete');
    await resetSequences(client, plan, restored);
    await client.query('commit');
    log(`恢复完成 / restore done in ${Date.now() - started} ms`);
    return summary;
  } catch (error) {
    // Ends an unfinished COPY (CopyFail) so that the connection can roll back; a connection that
    // does not answer in time is closed instead, which rolls back on the server just the same.
    const clean =
      (await withTimeout(copy?.abort() ?? Promise.resolve(), 10_000)) &&
      (await withTimeout(client.query('rollback'), 10_000));
    broken = !clean;
    if (error instanceof StartupError) throw error;
    // A row refused by the server (a foreign key, a bad value) may be the first sign of a damaged
    // file whose end we have not read yet: if so, say that rather than show the symptom.
    await readBackupSummary(file).catch((damaged: unknown) => {
      if (damaged instanceof StartupError && damaged.code === 'BACKUP_CORRUPT') throw damaged;
    });
    throw wrap('RESTORE_FAILED', '恢复失败，未做任何更改', 'The restore failed; nothing was changed', error);
  } finally {
    client.release(broken);
  }
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// A COPY … FROM STDIN in progress. The server may refuse a row at any moment; that error is kept
// (an 'error' event without a listener would end the process) and surfaces at the next write.
class CopyIn {
  private error: Error | null = null;
  private readonly failed: Promise<never>;
  private ended = false;

  constructor(private readonly stream: CopyStreamQuery) {
    this.failed = new Promise<never>((_, reject) => {
      stream.on('error', (error: Error) => {
        this.error = error;
        reject(error);
      });
    });
    this.failed.catch(() => {});
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.failed]);
  }

  // Resolves once the server has taken every row (CommandComplete and ReadyForQuery).
  async end(): Promise<void> {
    if (this.error) throw this.error;
    this.ended = true;
    const finished = new Promise<void>((resolve) => this.stream.once('finish', () => resolve()));
    this.stream.end();
    await Promise.race([finished, this.failed]);
  }

  async abort(): Promise<void> {
    if (this.error || this.ended || this.stream.destroyed) return;
    const closed = new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
    this.stream.destroy(new Error('restore aborted'));
    await closed;
  }
}

interface RestorePlan {
  header: BackupHeader;
  schoolId: string | null;
  roles: Map<string, TableRole>;
}

async function prepareRestore(
  client: Queryable,
  header: BackupHeader,
  catalog: Map<string, TableInfo>,
  file: string,
  log: (line: string) => void,
): Promise<RestorePlan> {
  checkMigrations(header, await appliedMigrations(client), file, log);
  const tables = [...catalog.values()];
  const schoolId = header.schoolId;
  if ((schoolId === null) !== (header.schoolCode === null)) throw corrupt(file, 'school code without id');
  log(
    `恢复 / restore: ${schoolId ? `学校 / school ${header.schoolCode}` : '全库 / full'}, ` +
      `备份于 / taken ${header.createdAt} (${header.server}), 迁移 / migration ${header.migration || '-'}`,
  );
  if (schoolId === null) {
    // Writers wait until the restore commits; readers (a running app) are not blocked.
    if (tables.length > 0) {
      await client.query(
        `lock table ${tables.map((t) => `public.${ident(t.name)}`).join(', ')} in exclusive mode`,
      );
    }
    const filled: string[] = [];
    for (const t of tables) {
      if (EPHEMERAL_TABLES.includes(t.name)) continue;
      const { rows } = await client.query<{ found: boolean }>(
        `select exists (select 1 from public.${ident(t.name)}) as found`,
      );
      if (rows[0]?.found) filled.push(t.name);
    }
    if (filled.length > 0) {
      throw new StartupError(
        'RESTORE_TARGET_NOT_EMPTY',
        `目标数据库已有数据（${filled.join('、')}），完整备份只能恢复到空数据库：请换一个新的数据目录或新建数据库。`,
        `The target database already holds data (${filled.join(', ')}); a full backup is restored only into an empty database: use a new data folder or create a new database.`,
      );
    }
    for (const name of EPHEMERAL_TABLES) {
      if (catalog.has(name)) await client.query(`delete from public.${ident(name)}`);
    }
  } else {
    const { rows } = await client.query<{ code: string }>(
      'select code from public.schools where school_id = $1 or code = $2',
      [schoolId, header.schoolCode],
    );
    if (rows.length > 0) {
      throw new StartupError(
        'SCHOOL_EXISTS',
        `目标数据库中已有该学校（学校标识码 ${rows.map((r) => r.code).join('、')}），未做任何更改。`,
        `The target database already holds this school (code ${rows.map((r) => r.code).join(', ')}); nothing was changed.`,
      );
    }
  }
  return { header, schoolId, roles: rolesFor(dependencyOrder(tables), schoolId) };
}

function checkMigrations(
  header: BackupHeader,
  target: AppliedMigration[],
  file: string,
  log: (line: string) => void,
): void {
  const code = codeMigrations();
  const codeLast = Math.max(0, ...code.map((m) => m.when));
  const backupLast = Math.max(0, ...header.migrations.map((m) => m.createdAt));
  if (backupLast > codeLast) {
    throw new StartupError(
      'BACKUP_NEWER_THAN_CODE',
      `备份文件 ${file} 来自更新版本的 kehou（数据库迁移 ${header.migration}），本程序无法恢复它：请先升级 kehou。`,
      `The backup ${file} comes from a newer kehou (database migration ${header.migration}); this kehou cannot restore it: upgrade kehou first.`,
    );
  }
  const known = new Set(target.map((m) => m.createdAt));
  const unknown = header.migrations.filter((m) => !known.has(m.createdAt));
  if (unknown.length > 0) {
    throw new StartupError(
      'BACKUP_MIGRATIONS_DIFFER',
      `备份文件的数据库迁移与目标数据库不一致（${unknown.map((m) => m.hash.slice(0, 12)).join(', ')}），无法恢复。`,
      `The backup's database migrations differ from the target's (${unknown.map((m) => m.hash.slice(0, 12)).join(', ')}); it cannot be restored.`,
    );
  }
  if (header.migrations.length < target.length) {
    // Later migrations have added to the schema; the backup's columns are copied by name and new
    // columns take their defaults.
    log(
      `  备份来自较早的版本 / the backup predates ${target.length - header.migrations.length} later migration(s)`,
    );
  }
}

function checkSection(section: Section, catalog: Map<string, TableInfo>, plan: RestorePlan): TableInfo {
  const table = catalog.get(section.table);
  const missing = table ? section.columns.filter((c) => !table.columns.includes(c)) : [];
  if (!table || missing.length > 0) {
    const what = table ? `${section.table}.${missing.join(', ')}` : section.table;
    throw new StartupError(
      'BACKUP_SCHEMA_MISMATCH',
      `备份中的 ${what} 在目标数据库中不存在，无法恢复。`,
      `${what} from the backup does not exist in the target database; it cannot be restored.`,
    );
  }
  const role = plan.roles.get(section.table);
  if (role !== section.role) {
    throw new StartupError(
      'BACKUP_SCHEMA_MISMATCH',
      `表 ${section.table} 在备份中的用途（${section.role}）与目标数据库（${role ?? '不含'}）不同。`,
      `Table ${section.table} has the role ${section.role} in the backup but ${role ?? 'none'} in the target database.`,
    );
  }
  if (role === 'reference' && table.primaryKey.length === 0) {
    throw new StartupError(
      'BACKUP_SCHEMA_UNSUPPORTED',
      `表 ${section.table} 没有主键，无法合并。`,
      `Table ${section.table} has no primary key and cannot be merged.`,
    );
  }
  return table;
}

function stageName(table: string): string {
  return `kehou_restore_${table}`;
}

async function finishTable(
  client: Queryable,
  plan: RestorePlan,
  current: { table: TableInfo; section: Section; staged: string | null },
  rows: number,
  log: (line: string) => void,
): Promise<void> {
  const { table, section, staged } = current;
  const columns = list(section.columns);
  if (section.role === 'tenant' && plan.schoolId !== null) {
    // The school did not exist here, so every row with its id came from this file; fewer than the
    // file holds means rows of another school, which a school restore must not write.
    const { rows: found } = await client.query<{ n: number }>(
      `select count(*)::int as n from public.${ident(table.name)} where ${ident(TENANT_KEY)} = $1`,
      [plan.schoolId],
    );
    if (found[0]?.n !== rows) {
      throw new StartupError(
        'BACKUP_CORRUPT',
        `备份文件中表 ${table.name} 含有其他学校的数据，未做任何更改。`,
        `The backup's table ${table.name} holds rows of another school; nothing was changed.`,
      );
    }
  }
  if (staged === null) {
    log(`  ${table.name}: ${rows} 行 / rows`);
    return;
  }
  if (section.role === 'scoped') {
    // The target numbers its own rows (audit ids): the school's rows get fresh ids, in their order.
    const kept = section.columns.filter((c) => !table.serialColumns.includes(c));
    const order = table.serialColumns.filter((c) => section.columns.includes(c));
    const inserted = await client.query(
      `insert into public.${ident(table.name)} (${list(kept)}) select ${list(kept)} from ${ident(staged)}
       ${order.length > 0 ? `order by ${list(order)}` : ''}`,
    );
    log(`  ${table.name}: ${inserted.rowCount ?? 0} 行（新编号）/ rows appended`);
    return;
  }
  // Reference rows: the same row (by primary key) may already be there, shared with another school.
  const inserted = await client.query(
    `insert into public.${ident(table.name)} (${columns}) select ${columns} from ${ident(staged)} on conflict do nothing`,
  );
  const pk = table.primaryKey;
  const clashes = await client.query<{ key: string }>(
    `select row_to_json(k)::text as key from (select ${pk.map((c) => `s.${ident(c)}`).join(', ')} from ${ident(staged)} s
     where not exists (select 1 from public.${ident(table.name)} t
                       where ${pk.map((c) => `t.${ident(c)} = s.${ident(c)}`).join(' and ')})) k limit 5`,
  );
  if (clashes.rows.length > 0) {
    const keys = clashes.rows.map((r) => r.key).join(' ');
    throw new StartupError(
      'SCHOOL_REFERENCE_CONFLICT',
      `表 ${table.name} 中有记录与目标数据库中已有的记录冲突（唯一键相同但主键不同，例如 ${keys}），未做任何更改。`,
      `Rows of ${table.name} clash with different rows already in the target database (same unique key, other primary key, e.g. ${keys}); nothing was changed.`,
    );
  }
  log(`  ${table.name}: ${rows} 行 / rows, ${inserted.rowCount ?? 0} 新增 / new`);
}

// After rows arrive with their own serial ids, the sequences must continue above them. A full
// restore also carries over the source's sequence position, so that ids of pruned rows are not
// handed out again.
async function resetSequences(client: Queryable, plan: RestorePlan, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.serialColumns) {
      const fromBackup =
        plan.schoolId === null
          ? (plan.header.sequences.find((s) => s.table === table.name && s.column === column)?.value ?? null)
          : null;
      await client.query(
        `select setval(s.seq, v.target)
         from (select pg_get_serial_sequence($1, $2)::regclass as seq) s,
              lateral (select greatest(coalesce(max(${ident(column)})::bigint, 0), $3::bigint) as target
                       from public.${ident(table.name)}) v
         where v.target > coalesce(pg_sequence_last_value(s.seq), 0)`,
        [`public.${ident(table.name)}`, column, fromBackup],
      );
    }
  }
}

function wrap(code: string, zh: string, en: string, error: unknown): StartupError {
  const detail = error instanceof Error ? error.message : String(error);
  const wrapped = new StartupError(code, `${zh}：${detail}`, `${en}: ${detail}`);
  wrapped.cause = error;
  return wrapped;
}
