// Departure (F-13, C 2 实行弹性离校机制): which batch a child leaves in on a given day, until when a
// guardian may change today's batch, and checking the pickup code the guardian shows at the gate.
// Pure: the clock and the comparison with the stored hash are passed in (the codes themselves are
// made and hashed with the server secret in src/server/features/departure/pickup-code-key.ts).

import type { ReleaseMethod } from './child-day.js';
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

// ── the release's checks (issue 14.4) ────────────────────────────────────────────────────────────
// B 六(三) 严格的考勤、监管 and A 三.2 看护人员应该严格执行相关制度和安全要求: a child goes only with a
// person whose identity the gate has checked. The pickup code is that check; without it the guard
// checks the listed person themselves — the photo on file, or the ID number's last four digits, or
// the ID document — and the release records which (never the full ID number: A 三 keeps what is
// stored about families to what the service needs).

export const IDENTITY_CHECKS = ['photo', 'id_last4', 'id_document'] as const;
export type IdentityCheckMethod = (typeof IDENTITY_CHECKS)[number];

export interface IdentityCheckInput {
  method: IdentityCheckMethod;
  // For id_last4: what the guard typed.
  last4?: string | null;
}

// What a release stores of the check.
export interface IdentityCheckRecord {
  method: IdentityCheckMethod;
  last4: string | null;
}

export type IdentityRefusal =
  | 'identity_check_required'
  | 'identity_check_not_applicable'
  | 'no_photo_on_file'
  | 'id_last4_invalid'
  | 'id_last4_mismatch';

// The checks a guard may make of a listed person: the photo when the school has one (the guard
// confirms the face matches), and the ID number's last four digits or the ID document always — the
// way out when the photo is not on file or does not match well enough.
export function identityChecksFor(person: { photoOnFile: boolean }): IdentityCheckMethod[] {
  return person.photoOnFile ? ['photo', 'id_last4', 'id_document'] : ['id_last4', 'id_document'];
}

// The last four characters of a Chinese resident ID number (GB 11643: the last one is a check digit,
// 0–9 or X) as a guard types them: full-width digits and a lower-case x accepted, spaces ignored.
export function readIdLast4(input: string): string | null {
  const value = input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/\s/g, '')
    .toUpperCase();
  return /^\d{3}[\dX]$/.test(value) ? value : null;
}

// Which check a release needs and whether the one given will do. A pickup-code release is checked by
// its code and a child leaving alone goes with nobody: neither takes an identity check. A release to
// a listed person without the code needs one. The last four digits are compared with the ones on
// file when the school has them (`last4OnFile`); otherwise they are recorded as the guard read them.
export function releaseIdentityCheck(input: {
  method: ReleaseMethod;
  check: IdentityCheckInput | null;
  photoOnFile: boolean;
  last4OnFile: string | null;
}): { ok: true; record: IdentityCheckRecord | null } | { ok: false; refusal: IdentityRefusal } {
  const { check } = input;
  if (input.method !== 'listed_person') {
    return check ? { ok: false, refusal: 'identity_check_not_applicable' } : { ok: true, record: null };
  }
  if (!check) return { ok: false, refusal: 'identity_check_required' };
  if (!identityChecksFor({ photoOnFile: input.photoOnFile }).includes(check.method)) {
    return { ok: false, refusal: 'no_photo_on_file' };
  }
  if (check.method !== 'id_last4') return { ok: true, record: { method: check.method, last4: null } };
  const last4 = readIdLast4(check.last4 ?? '');
  if (last4 === null) return { ok: false, refusal: 'id_last4_invalid' };
  if (input.last4OnFile !== null && input.last4OnFile.toUpperCase() !== last4) {
    return { ok: false, refusal: 'id_last4_mismatch' };
  }
  return { ok: true, record: { method: 'id_last4', last4 } };
}

export interface EarlyRelease {
  batchName: string;
  batchTime: string;
  minutesEarly: number;
}

// C 2 弹性离校: a child leaves in the batch the guardian chose. A release before that batch's time (to
// the minute of the school's clock) is early: exactly at the batch time it is not; one minute before,
// it is early by one minute. A child without a batch today is never early.
export function earlyRelease(input: { nowMinutes: number; batch: DayBatch | null }): EarlyRelease | null {
  if (!input.batch) return null;
  const minutesEarly = parseTime(input.batch.time) - input.nowMinutes;
  return minutesEarly > 0 ? { batchName: input.batch.name, batchTime: input.batch.time, minutesEarly } : null;
}

// An early release goes ahead only when the person releasing confirmed the warning; the confirmation
// is recorded with the release (`early`). Whatever the method: a pickup code does not make an early
// release expected.
export function releaseTiming(input: {
  nowMinutes: number;
  batch: DayBatch | null;
  earlyConfirmed: boolean;
}):
  | { ok: true; early: EarlyRelease | null }
  | { ok: false; refusal: 'early_unconfirmed'; early: EarlyRelease } {
  const early = earlyRelease(input);
  if (early && !input.earlyConfirmed) return { ok: false, refusal: 'early_unconfirmed', early };
  return { ok: true, early };
}
