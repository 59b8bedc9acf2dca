// How many sign-in guesses are allowed (issue 13.5). Pure: the caller loads the attempts of the last
// 15 minutes and asks. Three counts, each within a sliding window of 15 minutes:
//
// - the ACCOUNT LOCK: 5 failures for one account (whatever was typed: username or phone; password or
//   one-time code) from anywhere since its last success lock it for everyone;
// - the ADDRESS THROTTLE: 3 failures for one account from one address since that address's last
//   success for it stop further guesses from that address only, before the lock. So one address
//   alone (the gate guard's phone at dismissal) can never lock an account: the real user elsewhere
//   still signs in;
// - the ADDRESS CAP: 100 failures from one address, whatever identifiers were typed, stop that address
//   (against trying one password on many accounts, or probing for names).
//
// An identifier that names no account is counted exactly like an account (its string standing for
// the account), so that the answers never tell whether an account exists. An "address" is an IPv4
// address or an IPv6 /64 (`addressBlock`). The trade-offs are in docs/domain-rules.md ("Accounts").

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_ACCOUNT_FAILURES = 3;
export const ADDRESS_FAILURES = 100;

export interface SignInAttempt {
  at: Date;
  succeeded: boolean;
  // Made from the address now asking.
  fromHere: boolean;
}

export interface Refusal {
  // The failures that count (for the log).
  failures: number;
  retryAfterSeconds: number;
}

/**
 * The block a client address counts for: an IPv4 address as it is; an IPv6 address by its /64, since
 * one phone or home line is given a whole /64 and could otherwise change address at every guess.
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`) stays as it is. Returned as PostgreSQL `inet` text.
 */
export function addressBlock(ip: string): string {
  if (ip.includes('.') || !ip.includes(':')) return ip;
  const [head = '', tail, ...more] = ip.replace(/%.*$/, '').split('::');
  if (more.length > 0) return ip;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return ip;
  const groups = [...left, ...Array.from({ length: missing }, () => '0'), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return ip;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - SIGN_IN_WINDOW_MS);
}

// Seconds until the oldest of the last `limit` failures leaves the window, at least 1.
function retryAfter(failures: readonly { at: Date }[], limit: number, now: Date): number {
  const oldest = failures[failures.length - limit]?.at ?? now;
  return Math.max(1, Math.ceil((oldest.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 1000));
}

function failuresSinceLastSuccess<T extends { succeeded: boolean }>(attempts: readonly T[]): T[] {
  const lastSuccess = attempts.findLastIndex((a) => a.succeeded);
  return attempts.slice(lastSuccess + 1);
}

function refusal(failures: readonly { at: Date }[], limit: number, now: Date): Refusal | null {
  if (failures.length < limit) return null;
  return { failures: failures.length, retryAfterSeconds: retryAfter(failures, limit, now) };
}

/** The account lock, from the account's attempts in the window (oldest first), or null when open. */
export function accountLock(attempts: readonly SignInAttempt[], now: Date): Refusal | null {
  return refusal(failuresSinceLastSuccess(attempts), ACCOUNT_FAILURES, now);
}

/** The throttle of this address for this account (its attempts in the window, oldest first). */
export function addressThrottle(attempts: readonly SignInAttempt[], now: Date): Refusal | null {
  return refusal(failuresSinceLastSuccess(attempts.filter((a) => a.fromHere)), ADDRESS_ACCOUNT_FAILURES, now);
}

/** The cap on one address, from its failures in the window (oldest first), whatever was typed. */
export function addressCap(failures: readonly { at: Date }[], now: Date): Refusal | null {
  return refusal(failures, ADDRESS_FAILURES, now);
}
