// Two database roles (issue 13.2). The owner role owns the tables and runs the migrations; the
// application serves requests as `kehou_app`, which is not a superuser, owns nothing, cannot create
// or alter tables, cannot TRUNCATE, and may only INSERT and SELECT the append-only records (the audit
// log, a child's day events, and every ledger to come: each table guarded by the kehou_refuse_change
// trigger). With the owner's powers a request could disable that trigger and delete the rows; with
// kehou_app PostgreSQL refuses both.
//
// The app role's password is derived from the owner's credentials (an HMAC), so every kehou process
// with the same configuration gets the same one and nothing more is stored.
import { createHmac } from 'node:crypto';
import type pg from 'pg';
import { StartupError } from './startup-error.js';

export const APP_ROLE = 'kehou_app';

// The owner connection's identity without its port (the embedded server's port changes at every
// start) and without the database (a role is the whole cluster's: every database of it, and every
// kehou process using one, must derive the same password) is the secret the password comes from.
export function appRolePassword(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  const identity = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}@${url.hostname}`;
  return createHmac('sha256', identity).update('kehou_app role v1').digest('base64url');
}

// The app role's URL: the owner's URL with the app role's name and password.
export function appRoleUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  const password = appRolePassword(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

// Grants the application role what the current tables need; with `password`, first creates the role
// (kehou's own kehou_app) or sets its password. Run by the owner after every migration, so a new table
// is covered at once. `role` is kehou_app, or the role of KEHOU_APP_DATABASE_URL (made by an
// administrator, password and all).
export async function ensureAppRole(
  owner: pg.Pool,
  options: { role: string; password: string | null },
): Promise<void> {
  const role = `"${options.role.replaceAll('"', '""')}"`;
  const client = await owner.connect();
  try {
    if (options.password !== null) {
      const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
      const password = `'${options.password.replaceAll("'", "''")}'`;
      const exists = (await client.query('select 1 from pg_roles where rolname = $1', [options.role]))
        .rowCount;
      // Roles are the cluster's, shared by its databases: two kehou processes (or test files) may get
      // here together. The loser of CREATE finds the role made; two ALTERs set the same password.
      const tolerate = (codes: string[]) => (error: { code?: string }) => {
        if (!codes.includes(error.code ?? '')) throw error;
      };
      try {
        if (!exists) {
          await client
            .query(`CREATE ROLE ${role} ${attributes} PASSWORD ${password}`)
            .catch(tolerate(['42710', '23505']));
        } else {
          await client
            .query(`ALTER ROLE ${role} ${attributes} PASSWORD ${password}`)
            .catch(tolerate(['XX000', '40001']));
        }
      } catch (error) {
        if ((error as { code?: string }).code === '42501') {
          throw new StartupError(
            'DB_APP_ROLE',
            `数据库用户无权创建或修改应用角色 ${options.role}：迁移请用有 CREATEROLE 权限的所有者，或由管理员创建角色并用 KEHOU_APP_DATABASE_URL 指定（见 docs/operations.md）。`,
            `The database user may not create or alter the application role ${options.role}: migrate as an owner with CREATEROLE, or have an administrator create the role and name it in KEHOU_APP_DATABASE_URL (docs/operations.md).`,
          );
        }
        throw error;
      }
    }
    const [db] = (await client.query<{ name: string }>('select current_database() as name')).rows;
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE "${db?.name}" TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM ${role}`);
    const tables = (
      await client.query<{ name: string; append_only: boolean }>(
        `select c.relname as name,
                exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
                         where t.tgrelid = c.oid and p.proname = 'kehou_refuse_change') as append_only
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')`,
      )
    ).rows;
    for (const table of tables) {
      const name = `"${table.name.replaceAll('"', '""')}"`;
      await client.query(`REVOKE ALL ON ${name} FROM ${role}`);
      await client.query(
        `GRANT ${table.append_only ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE'} ON ${name} TO ${role}`,
      );
    }
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role}`);
  } finally {
    client.release();
  }
}

// The app must never run with more than kehou_app's powers: refuse a superuser or a table owner.
export async function checkAppRole(app: pg.Pool): Promise<void> {
  const [row] = (
    await app.query<{ name: string; super: boolean; owns: boolean }>(
      `select current_user as name, r.rolsuper as super,
              exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and pg_get_userbyid(c.relowner) = current_user) as owns
         from pg_roles r where r.rolname = current_user`,
    )
  ).rows;
  if (row?.super || row?.owns) {
    throw new StartupError(
      'DB_APP_ROLE',
      `应用的数据库用户 ${row.name} 是超级用户或表的所有者，kehou 拒绝以它运行：请用 KEHOU_APP_DATABASE_URL 指定一个普通角色，或去掉它由 kehou 创建 ${APP_ROLE}。`,
      `The application's database user ${row.name} is a superuser or owns the tables; kehou refuses to run as it: name an ordinary role in KEHOU_APP_DATABASE_URL, or leave it out and kehou creates ${APP_ROLE} (docs/operations.md).`,
    );
  }
}
