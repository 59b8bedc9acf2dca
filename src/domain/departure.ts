// Departure (F-13, C 2 实行弹性离校机制): which batch a child leaves in on a given day, until when a
// guardian may change today's batch, and checking the pickup code the guardian shows at the gate.
// Pure: the clock and the comparison with the stored hash are passed in (the codes themselves are
// made and hashed with the server secret in src/server/features/departure/pickup-code-key.ts).

import { type IsoDate, parseTime } from './dates.js';
import type { DepartureBatch } from './plan.js';
import type { Season } from './policy.js';

export interface DayBatch {
  name: string;
  time: string;
}

// The batches that run on a day of the given season (a batch without seasons runs in both), by time.
export function batchesOn(batches: readonly DepartureBatch[], season: Season): DayBatch[] {
  return batches
    .filter((b) => !b.seasons || b.seasons.includes(season))
    .map((b) => ({ name: b.name, time: b.time }))
    .sort((a, b) => parseTime(a.time) - parseTime(b.time));
}

// The batch a child leaves in today: the one the guardian chose; when it does not run in today's
// season (a summer-only 18:00 batch in winter), the latest batch that does — the child is never sent
// out earlier than the guardian asked. Null when no batch runs that day.
export function batchForDay(
  batches: readonly DepartureBatch[],
  chosen: string,
  season: Season,
): { batch: DayBatch; substituted: boolean } | null {
  const today = batchesOn(batches, season);
  const exact = today.find((b) => b.name === chosen);
  if (exact) return { batch: exact, substituted: false };
  const last = today.at(-1);
  return last ? { batch: last, substituted: true } : null;
}

// A guardian may move today's batch until `cutoffMinutes` before the earlier of the two batches'
// times, so that the teacher's list for the first of them is settled before children line up.
export function batchChangeOpen(input: {
  nowMinutes: number;
  fromTime: string;
  toTime: string;
  cutoffMinutes: number;
}): boolean {
  const earlier = Math.min(parseTime(input.fromTime), parseTime(input.toTime));
  return input.nowMinutes <= earlier - input.cutoffMinutes;
}

// ── pickup codes ─────────────────────────────────────────────────────────────────────────────────

export const PICKUP_CODE_DIGITS = 6;
// Wrong codes tried against one child's code of the day before it locks (the guardian then shows the
// QR again or staff verify by the listed person).
export const PICKUP_CODE_MAX_FAILURES = 5;

// What a guard types or a scanner reads: spaces, dashes and full-width digits (from a Chinese input
// method) are accepted; anything else is not a code.
export function readPickupCode(input: string): string | null {
  const digits = input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\s\-–—]/g, '');
  return new RegExp(`^\\d{${PICKUP_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export type CodeCheck = 'ok' | 'wrong' | 'locked' | 'expired';

// Checks a typed code against the child's code of `codeDay`. Locked after PICKUP_CODE_MAX_FAILURES
// wrong tries, even for the right code; a code of another day is expired. The code itself is not
// stored (issue 13.8): `matches` compares the digits with the stored hash, in constant time.
export function checkPickupCode(input: {
  typed: string;
  matches: (digits: string) => boolean;
  codeDay: IsoDate;
  today: IsoDate;
  failures: number;
}): CodeCheck {
  if (input.codeDay !== input.today) return 'expired';
  if (input.failures >= PICKUP_CODE_MAX_FAILURES) return 'locked';
  const typed = readPickupCode(input.typed);
  if (typed === null) return 'wrong';
  return input.matches(typed) ? 'ok' : 'wrong';
}
