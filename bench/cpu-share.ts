// Where the machine's CPU went during a benchmark's measured phase, so a figure can be read against
// what else ran: this process (server and its worker threads), the database's processes (the embedded
// server's postmaster and its children), every other process, and the time the hypervisor took
// (steal). Linux only (/proc); elsewhere it reports nothing. Shares are of one CPU (2 CPUs = 200 %).
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Sample {
  at: number;
  busy: number; // ticks, all CPUs, not idle/iowait/steal
  steal: number;
  self: number; // microseconds of this process
  database: number; // ticks of the database's processes
  loop: ReturnType<typeof performance.eventLoopUtilization>;
}

function machineTicks(): { busy: number; steal: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return {
      busy: (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0),
      steal: steal ?? 0,
    };
  } catch {
    return null;
  }
}

function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

// The postmaster and its children (backends, writers); a finished backend's time is lost, so short
// connections would be undercounted: the app's pool keeps its connections.
function databaseTicks(postmaster: number | null): number {
  if (postmaster === null) return 0;
  let total = processTicks(postmaster);
  try {
    const children = fs.readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8');
    for (const pid of children.trim().split(/\s+/).filter(Boolean)) total += processTicks(Number(pid));
  } catch {
    // not readable: the database's share is counted under "other processes"
  }
  return total;
}

export function startCpuShare(postmaster: number | null) {
  const sample = (): Sample | null => {
    const machine = machineTicks();
    if (!machine) return null;
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      ...machine,
      self: usage.user + usage.system,
      database: databaseTicks(postmaster),
      loop: performance.eventLoopUtilization(),
    };
  };
  const first = sample();
  return {
    // One line: shares of one CPU over the time since start.
    report(): string {
      const last = sample();
      if (!first || !last) return 'CPU shares: not available on this system';
      const seconds = (last.at - first.at) / 1000;
      const pct = (ticks: number) => `${((ticks / TICKS_PER_SECOND / seconds) * 100).toFixed(0)} %`;
      const selfTicks = ((last.self - first.self) / 1e6) * TICKS_PER_SECOND;
      const databaseTicksUsed = last.database - first.database;
      const others = Math.max(0, last.busy - first.busy - selfTicks - databaseTicksUsed);
      const loop = performance.eventLoopUtilization(last.loop, first.loop).utilization;
      return [
        `CPU (of ${os.cpus().length} × 100 %): this process ${pct(selfTicks)}`,
        `(server event loop busy ${(loop * 100).toFixed(0)} %)`,
        `database ${postmaster === null ? 'n/a' : pct(databaseTicksUsed)}`,
        `other processes ${pct(others)}`,
        `steal ${pct(last.steal - first.steal)}`,
      ].join(', ');
    },
  };
}
