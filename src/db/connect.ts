// Opens kehou's database: the embedded PostgreSQL in the data folder by default, or the server
// named by DATABASE_URL.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type EmbeddedServer, startEmbedded } from './embedded.js';
import { migrateDatabase } from './migrate.js';
import { appRolePassword, appRoleUrl, checkAppRole, ensureAppRole } from './roles.js';
import * as schema from './schema.js';
import { StartupError } from './startup-error.js';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  readonly kind: 'embedded' | 'server';
  readonly pool: pg.Pool;
  readonly db: Db;
  // The URL the pool connects with: the application role's (kehou_app), or the owner's for the
  // console commands that need it (migrate, backup, restore).
  readonly url: string;
  // The owner's URL: migrations, and databases made beside this one (tests).
  readonly ownerUrl: string;
  close(): Promise<void>;
}

// Dates stay strings (YYYY-MM-DD in the school's zone) and bigint counts stay exact.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
});

export function databaseFromPool(
  pool: pg.Pool,
  kind: Database['kind'],
  url: string,
  ownerUrl: string = url,
): Database {
  return {
    kind,
    pool,
    db: drizzle(pool, { schema }),
    url,
    ownerUrl,
    close: () => pool.end(),
  };
}

export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  // The application role's own URL (made by an administrator); without it kehou makes kehou_app.
  appDatabaseUrl?: string | undefined;
  dataDir: string;
  migrate?: boolean;
  poolSize?: number;
  log?: (line: string) => void;
  // 'owner' for the console commands that read or write what the app may not (backup, restore).
  role?: 'app' | 'owner';
  // The console commands use the database of a kehou serving the data folder, without migrating it.
  shareRunning?: boolean;
  // Only for tests against a throw-away server.
  allowUnsafeDurability?: boolean;
}): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let ownerUrl = options.databaseUrl;
  if (!ownerUrl) {
    embedded = await startEmbedded({
      dataDir: options.dataDir,
      ...(options.log ? { log: options.log } : {}),
      ...(options.shareRunning ? { shareRunning: true } : {}),
    });
    await ensureDatabase(embedded.url('postgres'), 'kehou');
    ownerUrl = embedded.url('kehou');
  }
  const kind = embedded ? 'embedded' : 'server';
  const asOwner = options.role === 'owner';
  const owner = new pg.Pool({ connectionString: ownerUrl, max: asOwner ? (options.poolSize ?? 20) : 2 });
  owner.on('error', (error) => options.log?.(`database pool error: ${error.message}`));
  let app: pg.Pool | null = null;
  try {
    if (!options.allowUnsafeDurability) await checkDurability(owner);
    // A database another kehou serves is migrated by it: a tool beside it never migrates under it.
    if (options.migrate !== false && !embedded?.shared) await migrateDatabase(owner);
    if (asOwner) return closing(databaseFromPool(owner, kind, ownerUrl), embedded);
    // Requests run as the application role (roles.ts): no superuser, no owner, no DDL.
    const appUrl = options.appDatabaseUrl ?? appRoleUrl(ownerUrl);
    await ensureAppRole(owner, {
      role: decodeURIComponent(new URL(appUrl).username),
      password: options.appDatabaseUrl ? null : appRolePassword(ownerUrl),
    });
    await owner.end();
    app = new pg.Pool({ connectionString: appUrl, max: options.poolSize ?? 20 });
    app.on('error', (error) => options.log?.(`database pool error: ${error.message}`));
    await checkAppRole(app);
    return closing(databaseFromPool(app, kind, appUrl, ownerUrl), embedded);
  } catch (error) {
    await app?.end();
    await owner.end().catch(() => {});
    await embedded?.stop();
    throw error;
  }
}

// The database, closed with its embedded server (when it has one).
function closing(database: Database, embedded: EmbeddedServer | null): Database {
  return {
    ...database,
    async close() {
      await database.pool.end();
      await embedded?.stop();
    },
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

// A server that acknowledges commits before they are on disk could lose a child's release record
// in a power cut. Refuse to run on one.
export async function checkDurability(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ fsync: string; synchronous_commit: string }>(
    `select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit`,
  );
  const settings = rows[0];
  if (settings?.fsync !== 'on' || settings.synchronous_commit === 'off') {
    throw new StartupError(
      'DB_NOT_DURABLE',
      `数据库未开启持久化（fsync=${settings?.fsync}，synchronous_commit=${settings?.synchronous_commit}），kehou 拒绝启动：请设置 fsync=on 且 synchronous_commit 不为 off。`,
      `The database is not durable (fsync=${settings?.fsync}, synchronous_commit=${settings?.synchronous_commit}); kehou refuses to start: set fsync=on and synchronous_commit to anything but off.`,
    );
  }
}
