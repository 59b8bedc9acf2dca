// `npm test`: type check, lint, then every test (unit, storage on the embedded PostgreSQL and on
// TEST_DATABASE_URL when set, browser journeys in Debian's Chromium when it is installed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.KEHOU_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.KEHOU_REQUIRE_BROWSER === '1';
const extra = process.argv.slice(2);

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', ...env },
  });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join(root, 'node_modules/.bin', name);

if (!process.env.KEHOU_SKIP_STATIC) {
  run('tsc --noEmit', bin('tsc'), ['--noEmit', '-p', '.']);
  run('biome check', bin('biome'), ['check', '.']);
}

const projects = ['unit', 'db:embedded'];
if (process.env.TEST_DATABASE_URL) projects.push('db:server');
const haveBrowser = fs.existsSync(chromium);
if (haveBrowser) {
  projects.push('e2e');
} else if (requireBrowser) {
  console.error(
    `\n✖ 浏览器测试需要 Chromium（${chromium}），但未安装 / browser tests need Chromium at ${chromium}, which is missing`,
  );
  process.exit(1);
}

run(`vitest (${projects.join(', ')})`, bin('vitest'), [
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  ...extra,
]);

if (!process.env.TEST_DATABASE_URL) {
  console.log(
    '\nℹ 未设置 TEST_DATABASE_URL：存储测试只在内置 PostgreSQL 上运行 / TEST_DATABASE_URL not set: storage tests ran on the embedded PostgreSQL only',
  );
}
if (!haveBrowser) {
  console.log(
    `\n⚠ 已跳过浏览器测试：未找到 ${chromium}。安装方法 / BROWSER TESTS SKIPPED: ${chromium} not found. Enable them with:`,
  );
  console.log(
    '    sudo apt-get install -y chromium fonts-wqy-microhei   (or set KEHOU_CHROMIUM=/path/to/chromium)',
  );
}
