// Builds the web app with Vite when dist/web is missing or older than its sources, so that
// `npm run demo` and `npm start` work on a fresh clone without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'dist/web/index.html');

function newest(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

export function webBuildIsStale() {
  if (!fs.existsSync(output)) return true;
  const sources = ['src/web', 'src/domain', 'vite.config.ts', 'package-lock.json'].map((p) =>
    path.join(root, p),
  );
  const built = fs.statSync(output).mtimeMs;
  return sources.some((p) => fs.existsSync(p) && newest(p) > built);
}

// Several processes may ask at once (parallel test runs, a demo started beside them): one builds, the
// others wait for it and then look again. A lock left by a killed build is taken over after 5 minutes.
const lock = path.join(root, 'dist/.web-build-lock');

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock() {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 5 * 60_000)
          fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      sleep(250);
    }
  }
}

export function buildWebIfStale() {
  if (!webBuildIsStale()) return;
  takeLock();
  let status = 0;
  try {
    if (webBuildIsStale()) status = build();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  if (status !== 0) process.exit(status);
}

function build() {
  console.log('构建网页 / building the web app…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfStale();
