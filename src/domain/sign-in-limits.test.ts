import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_FAILURES,
  ADDRESS_ACCOUNT_FAILURES,
  ADDRESS_FAILURES,
  accountLock,
  addressBlock,
  addressCap,
  addressThrottle,
  type SignInAttempt,
} from './sign-in-limits.js';

const now = new Date('2026-11-30T08:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const fail = (m: number, fromHere = true): SignInAttempt => ({
  at: minutesAgo(m),
  succeeded: false,
  fromHere,
});
const success = (m: number, fromHere = true): SignInAttempt => ({
  at: minutesAgo(m),
  succeeded: true,
  fromHere,
});

describe('sign-in limits', () => {
  it('throttles one address before the account lock can be reached from it', () => {
    expect(ADDRESS_ACCOUNT_FAILURES).toBeLessThan(ACCOUNT_FAILURES);
    const two = [fail(10), fail(9)];
    expect(addressThrottle(two, now)).toBeNull();
    const three = [...two, fail(8)];
    // Open again when the first of the three leaves the window: 15 − 10 minutes.
    expect(addressThrottle(three, now)).toEqual({ failures: 3, retryAfterSeconds: 5 * 60 });
    expect(accountLock(three, now)).toBeNull();
  });

  it('counts an address only for its own failures and since its own last success', () => {
    const elsewhere = [fail(10, false), fail(9, false), fail(8, false)];
    expect(addressThrottle(elsewhere, now)).toBeNull();
    // A success elsewhere does not lift this address's throttle; one from here does.
    const here = [fail(10), fail(9), fail(8)];
    expect(addressThrottle([...here, success(7, false)], now)).not.toBeNull();
    expect(addressThrottle([...here, success(7)], now)).toBeNull();
  });

  it('locks the account after 5 failures from anywhere since its last success', () => {
    const five = [fail(12), fail(11, false), fail(10), fail(9, false), fail(2)];
    expect(accountLock(five, now)).toEqual({ failures: 5, retryAfterSeconds: 3 * 60 });
    expect(accountLock(five.slice(1), now)).toBeNull();
    // A success anywhere (a sign-in, or an unlock code) clears the count.
    expect(accountLock([...five.slice(0, 4), success(3, false), fail(2)], now)).toBeNull();
  });

  it('caps one address over every identifier', () => {
    const failures = Array.from({ length: ADDRESS_FAILURES - 1 }, (_, i) => ({
      at: minutesAgo(14 - i / 10),
    }));
    expect(addressCap(failures, now)).toBeNull();
    const capped = addressCap([...failures, { at: minutesAgo(1) }], now);
    expect(capped?.failures).toBe(ADDRESS_FAILURES);
    expect(capped?.retryAfterSeconds).toBe(60);
  });

  it('counts an IPv6 client by its /64 and an IPv4 client by its address', () => {
    expect(addressBlock('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlock('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7');
    expect(addressBlock('2001:db8:aa:1:1234:5678:9abc:def0')).toBe('2001:db8:aa:1::/64');
    expect(addressBlock('2001:0DB8:00aa:0001::1')).toBe('2001:db8:aa:1::/64');
    expect(addressBlock('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
    expect(addressBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    // Not an address after all: as it is.
    expect(addressBlock('1::2::3')).toBe('1::2::3');
  });

  it('always asks to wait at least a second', () => {
    expect(accountLock([fail(15), fail(15), fail(15), fail(15), fail(15)], now)?.retryAfterSeconds).toBe(1);
  });
});
