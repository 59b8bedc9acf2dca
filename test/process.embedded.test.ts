// The real `kehou serve` process on the embedded database: crash safety (kill -9 of the server and
// of the database mid-write loop: every acknowledged write survives), one process per data folder,
// clean shutdown, and a clear error when the database user cannot reach the folder.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  port: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string, port?: number): Promise<Server> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(root, 'bin/kehou.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', KEHOU_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited, port: p };
}

async function waitHealthy(server: Server, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server not healthy in time: ${server.output()}`);
}

// A console command of kehou on a data folder: its exit code and everything it printed.
async function runKehou(args: string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/kehou.js'), ...args], {
    cwd: root,
    env: { ...process.env, KEHOU_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

describe('the kehou process on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-proc-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    const pid = postmasterPid(dataDir);
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write through kill -9 of the server and of the database', async () => {
    const first = await startServer(dataDir);
    await waitHealthy(first);
    // The link is printed just after the server answers: wait for it.
    await expect
      .poll(() => /setup\?token=([\w-]+)/.exec(first.output())?.[1], { timeout: 10_000 })
      .toBeTruthy();
    const token = /setup\?token=([\w-]+)/.exec(first.output())?.[1];
    expect(token, first.output()).toBeTruthy();
    const base = `http://127.0.0.1:${first.port}`;
    const setup = await fetch(`${base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        region: { name: '压测市', code: '980100', level: 'city' },
        admin: { username: 'crash.admin', displayName: '测试', password: 'Crash-Test-2026' },
      }),
    });
    expect(setup.status).toBe(201);
    const cookie = String(setup.headers.get('set-cookie')).split(';')[0] as string;
    const session = (await setup.json()) as { csrfToken: string; memberships: { regionId: string }[] };
    const cityId = session.memberships[0]?.regionId as string;

    // Four writers insert counties until the plug is pulled; we keep the codes the server acknowledged.
    const acknowledged: string[] = [];
    let seq = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const code = String(700_000 + ++seq);
        try {
          const res = await fetch(`${base}/api/regions/${cityId}/regions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
            body: JSON.stringify({ code, name: `区${code}` }),
          });
          if (res.status === 201) acknowledged.push(code);
        } catch {
          // the server is gone: what it did not acknowledge may or may not be there
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    await sleep(1500);
    const pgPid = postmasterPid(dataDir);
    expect(pgPid).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    process.kill(pgPid as number, 'SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(20);

    const second = await startServer(dataDir, first.port);
    await waitHealthy(second);
    const regions = await fetch(`http://127.0.0.1:${second.port}/api/regions`, { headers: { cookie } });
    expect(regions.status).toBe(200);
    const codes = new Set(((await regions.json()) as { items: { code: string }[] }).items.map((r) => r.code));
    const lost = acknowledged.filter((c) => !codes.has(c));
    expect(lost).toEqual([]);

    // A second kehou on the same folder is refused with a clear message and harms nothing.
    const intruder = await startServer(dataDir);
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('正被另一个 kehou 进程');
    expect(intruder.output()).toContain('is in use by another kehou process');
    expect((await fetch(`http://127.0.0.1:${second.port}/healthz`)).status).toBe(200);

    // An online backup beside the running server, with no flag and no password (issue 13.3), and its
    // restore into an empty second data folder: every region comes back.
    const file = path.join(os.tmpdir(), `kehou-online-${process.pid}.kehou-backup`);
    const backup = await runKehou(['backup', file], dataDir);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('备份完成');
    expect((await fetch(`http://127.0.0.1:${second.port}/healthz`)).status).toBe(200);
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-restored-'));
    fs.chmodSync(target, 0o755);
    try {
      const restore = await runKehou(['restore', file], target);
      expect(restore.code, restore.output).toBe(0);
      const regionRows = (output: string) => /^\s+regions: (\d+) 行/m.exec(output)?.[1];
      expect(regionRows(restore.output)).toBe(String(codes.size));
      // A restore into the folder kehou is serving is refused: stop it first.
      const busy = await runKehou(['restore', file], dataDir);
      expect(busy.code).toBe(1);
      expect(busy.output).toContain('is in use by another kehou process');
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
      fs.rmSync(file, { force: true });
    }

    // SIGTERM stops the app and its database cleanly.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pg/postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'kehou.lock'))).toBe(false);
  }, 120_000);

  it.runIf(process.getuid?.() === 0)(
    'as root, says clearly when the database user cannot reach the data folder',
    async () => {
      const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-locked-'));
      fs.chmodSync(locked, 0o700);
      const server = await startServer(path.join(locked, 'data'));
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('无法进入数据目录');
      expect(server.output()).toContain('cannot enter the data folder');
      expect(server.output()).not.toMatch(/\n\s+at /);
      fs.rmSync(locked, { recursive: true, force: true });
    },
    60_000,
  );
});
