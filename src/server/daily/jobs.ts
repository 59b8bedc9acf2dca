// The periodic work of a service day, run by every server process (`kehou serve`, `kehou demo`):
// escalating absence follow-ups past the policy's limit (F-12, A 三.5) and moving children not
// collected by end time + grace to extended custody (F-14, C 延时托管). Both are idempotent and safe
// in several processes at once (see each), so no leader election is needed. A failed run is logged
// and the next one tries again.
import type { Db } from '../../db/connect.js';
import type { Clock } from '../clock.js';
import { escalateDueFollowUps } from '../features/attendance/escalation.js';
import { moveUncollectedToCustody } from '../features/departure/custody-job.js';
import { inAppNotifier, type Notifier } from '../notifications.js';

export const DAILY_JOB_INTERVAL_MS = 30_000;

export interface DailyJobRun {
  escalated: number;
  movedToCustody: number;
}

export async function runDailyJobs(
  db: Db,
  clock: Clock,
  notifier: Notifier = inAppNotifier,
): Promise<DailyJobRun> {
  const escalation = await escalateDueFollowUps(db, clock, notifier);
  const custody = await moveUncollectedToCustody(db, clock, notifier);
  return { escalated: escalation.escalated.length, movedToCustody: custody.moved.length };
}

export function startDailyJobs(options: {
  db: Db;
  clock: Clock;
  log: (line: string) => void;
  intervalMs?: number;
}): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runDailyJobs(options.db, options.clock);
      if (run.escalated > 0 || run.movedToCustody > 0) {
        options.log(
          `跟进升级 ${run.escalated} 人，转入延时托管 ${run.movedToCustody} 人 / escalated ${run.escalated}, moved to custody ${run.movedToCustody}`,
        );
      }
    } catch (error) {
      options.log(`日常任务失败，稍后重试 / daily jobs failed, will retry: ${String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? DAILY_JOB_INTERVAL_MS);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
