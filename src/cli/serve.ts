// `kehou serve` and `kehou demo`: one process serving the API and the web app, with the embedded
// database started and stopped alongside (or DATABASE_URL).
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { buildApp, defaultWebRoot } from '../server/app.js';
import { type Clock, schoolDate, schoolTime, systemClock } from '../server/clock.js';
import { startDailyJobs } from '../server/daily/jobs.js';
import { pruneExpiredSessions } from '../server/features/auth/sessions.js';
import { issueSetupToken, setupNeeded } from '../server/features/setup/setup.js';
import { pruneIdempotencyKeys } from '../server/plugins/idempotency.js';
import { loadServerSecret } from '../server/secret.js';

export async function serve(config: Config, options: { demo: boolean }): Promise<void> {
  const started = Date.now();
  // Before the database: a secret that cannot be read or made stops the start with nothing begun.
  const secret = loadServerSecret(config);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    appDatabaseUrl: config.appDatabaseUrl,
    dataDir: config.dataDir,
    log: (line) => console.log(`[db] ${line}`),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: 正在停止 / shutting down…`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      jobs?.stop();
      await app?.close();
    } finally {
      await database.close();
      console.log('已停止 / stopped');
      process.exit(0);
    }
  };
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let jobs: { stop(): void } | null = null;
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let demoAccounts: string | null = null;
    let clock: Clock = systemClock;
    if (options.demo) {
      const { seedDemo, demoAccountsText } = await import('../demo/seed.js');
      const summary = await seedDemo(database, {
        today: new Date(),
        log: (line) => console.log(`[demo] ${line}`),
      });
      demoAccounts = demoAccountsText(summary);
      // Issue 5: the demo works on any day — it runs on a demo clock at the most recent service day.
      const { startDemoClock } = await import('../demo/daily.js');
      const demoClock = await startDemoClock(database, {
        today: new Date(),
        log: (line) => console.log(`[demo] ${line}`),
      });
      if (demoClock) {
        clock = demoClock;
        const now = demoClock.now();
        demoAccounts += `\n演示时钟 / demo clock: ${schoolDate(now)} ${schoolTime(now)}（网页顶部可调整 / adjustable in the banner）`;
      }
    }
    if (!process.env.KEHOU_DEV && !fs.existsSync(path.join(defaultWebRoot, 'index.html'))) {
      console.warn(
        '⚠ 未找到网页构建产物，请先运行 npm run build / web app not built: run `npm run build` first',
      );
    }
    app = await buildApp({
      database,
      secret,
      clock,
      logger: { level: process.env.LOG_LEVEL ?? 'info' },
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      rateLimit: { max: config.rateLimit, loginMax: 30, timeWindowMs: 60_000 },
    });
    await app.listen({ port: config.port, host: config.host });
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    const prune = setInterval(() => {
      void pruneExpiredSessions(database.db, systemClock).catch(() => {});
      void pruneIdempotencyKeys(database.db, systemClock).catch(() => {});
    }, 10 * 60_000);
    prune.unref();

    console.log(
      `\n课后服务平台 kehou 已启动 / running at ${base}  (${database.kind === 'embedded' ? `内置数据库 embedded database in ${config.dataDir}` : 'PostgreSQL server'}, ${Date.now() - started} ms)`,
    );
    console.log(`API 文档 / API docs: ${base}/api/docs`);
    if (demoAccounts) console.log(demoAccounts);
    if (!options.demo && (await setupNeeded(database.db))) {
      const token = await issueSetupToken(database.db);
      console.log('\n首次使用：请打开以下一次性链接，创建第一个教育局管理员账号');
      console.log('First start: open this one-time link to create the first bureau administrator:');
      console.log(`  ${base}/setup?token=${token}\n`);
    }
    // Follow-up escalation and automatic extended custody (issue 5), on the app's clock.
    jobs = startDailyJobs({ db: database.db, clock, log: (line) => app?.log.info(line) });
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}
