// The phone pages' weight and time to use on a phone profile (issue 14.19). For each phone page — the
// teacher's roll call, the gate's release, the guardian's home, the duty chief's day — a fresh
// Chromium profile (nothing cached) signs in as the demo's person and opens the page on a throttled
// phone: slow 4G (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, Lighthouse's mobile profile) and
// a CPU four times slower. It prints the JavaScript the page loaded (files, bytes on the wire as the
// server sent them compressed, and unpacked), the ratio to the goal of 250 kB compressed, and the
// time from the navigation until the page shows its content ("usable"), against the goal of 4 s.
// Three rounds; the median of each figure, with the CPU share of other processes during the rounds.
//
//   npx tsx bench/page-weight.ts            # builds the web app first if it is stale
//   KEHOU_CHROMIUM=/path/to/chromium npx tsx bench/page-weight.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { apiLogIn } from '../e2e/api.js';
import { CHROMIUM, CHROMIUM_ARGS, throttleLikeAPhone } from '../e2e/chromium.js';
import { type CountingProxy, startCountingProxy } from '../e2e/counting-proxy.js';
import { startDemoServer } from '../e2e/demo-server.js';
// @ts-expect-error: a plain .mjs script without types
import { buildWebIfStale } from '../scripts/build-if-stale.mjs';
import { openBenchDatabase } from './bench-database.js';
import { startCpuShare } from './cpu-share.js';

const GOAL_KB = 250;
const GOAL_MS = 4000;
const ROUNDS = Number(process.env.PAGE_WEIGHT_ROUNDS ?? 3);
const PASSWORD = 'Kehou-Demo-2026';
const WEB_ROOT = path.resolve(import.meta.dirname, '../dist/web');

interface PhonePage {
  name: string;
  username: string;
  path: string;
  // What shows that the page can be used: its content, not its skeleton.
  ready: string;
}

const PAGES: readonly PhonePage[] = [
  {
    name: 'teacher roll call',
    username: 'teacher',
    path: '/teacher/roll-call',
    ready: '[data-testid="child-card"]',
  },
  { name: 'gate release', username: 'gate.guard', path: '/gate/release', ready: 'input' },
  { name: 'guardian home', username: 'guardian', path: '/guardian', ready: '[data-testid="child-card"]' },
  { name: 'duty chief day', username: 'duty.chief', path: '/duty/day', ready: '[data-testid="day-counts"]' },
];

interface Measure {
  files: number;
  wireBytes: number;
  bodyBytes: number;
  usableMs: number;
}

async function measure(proxy: CountingProxy, target: PhonePage): Promise<Measure> {
  const baseUrl = proxy.baseUrl;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-weight-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: CHROMIUM_ARGS,
  });
  try {
    const api = await apiLogIn(target.username, PASSWORD, baseUrl);
    await context.addCookies(
      api.cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
      }),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    await throttleLikeAPhone(context, page);
    proxy.reset();
    const started = performance.now();
    await page.goto(`${baseUrl}${target.path}`, { waitUntil: 'commit' });
    await page.locator(target.ready).first().waitFor({ timeout: 120_000 });
    const usableMs = performance.now() - started;
    await waitForQuiet(page);
    // What the page (and its service worker) asked for: each file's bytes as sent, compressed, and
    // unpacked as built.
    const scripts = [...proxy.counts()].filter(
      ([path]) => path.startsWith('/assets/') && path.endsWith('.js'),
    );
    let wireBytes = 0;
    let bodyBytes = 0;
    for (const [path, { bytes }] of scripts) {
      wireBytes += bytes;
      bodyBytes += fs.statSync(`${WEB_ROOT}${path}`).size;
    }
    if (process.env.PAGE_WEIGHT_FILES) {
      console.log(`\n${target.name}:`);
      const rows = [...scripts].sort((a, b) => b[1].bytes - a[1].bytes);
      for (const [path, { bytes, requests }] of rows) {
        console.log(
          `  ${(bytes / 1000).toFixed(1).padStart(7)} kB ${String(requests).padStart(3)}×  ${path}`,
        );
      }
    }
    return { files: scripts.length, wireBytes, bodyBytes, usableMs };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// Chunks the page asks for after it is usable (prefetches, lazy parts) count in its weight.
async function waitForQuiet(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main() {
  buildWebIfStale();
  const bench = await openBenchDatabase({ label: 'weight', poolSize: 10 });
  const server = await startDemoServer(bench.database, new Date());
  const proxy = await startCountingProxy(server.baseUrl);
  const cpu = startCpuShare(bench.postmasterPid());
  const results = new Map<string, Measure[]>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of PAGES) {
        const list = results.get(target.name) ?? [];
        list.push(await measure(proxy, target));
        results.set(target.name, list);
      }
    }
  } finally {
    const share = cpu.report();
    await proxy.close();
    await server.close();
    await bench.close();
    console.log(
      `\nphone pages on slow 4G with a 4× slower CPU, median of ${ROUNDS} rounds (goal ≤ ${GOAL_KB} kB compressed JS, usable ≤ ${GOAL_MS / 1000} s)\n`,
    );
    console.log('page                 JS files   compressed   unpacked   ratio   usable    ratio');
    for (const target of PAGES) {
      const list = results.get(target.name) ?? [];
      if (list.length === 0) continue;
      const kb = median(list.map((m) => m.wireBytes)) / 1000;
      const unpacked = median(list.map((m) => m.bodyBytes)) / 1000;
      const ms = median(list.map((m) => m.usableMs));
      console.log(
        `${target.name.padEnd(20)} ${String(median(list.map((m) => m.files))).padStart(8)} ${`${kb.toFixed(1)} kB`.padStart(12)} ${`${unpacked.toFixed(0)} kB`.padStart(10)} ${(kb / GOAL_KB).toFixed(2).padStart(7)} ${`${(ms / 1000).toFixed(2)} s`.padStart(8)} ${(ms / GOAL_MS).toFixed(2).padStart(8)}`,
      );
    }
    console.log(`\n${share} (Chromium, which this script drives, counts among the other processes)`);
  }
}

await main();
