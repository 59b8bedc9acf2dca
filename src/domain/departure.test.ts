import { describe, expect, it } from 'vitest';
import { parseTime } from './dates.js';
import {
  batchChangeOpen,
  batchesOn,
  batchForDay,
  checkPickupCode,
  PICKUP_CODE_MAX_FAILURES,
  readPickupCode,
} from './departure.js';
import type { DepartureBatch } from './plan.js';

// The demo pilot's batches (C 2 弹性离校): two all year, a third in summer time only.
const batches: DepartureBatch[] = [
  { name: '第二批', time: '17:30' },
  { name: '第一批', time: '17:00' },
  { name: '夏令时第三批', time: '18:00', seasons: ['summer'] },
];

describe('departure batches (C 2 弹性离校)', () => {
  it('lists the batches of the day’s season in time order', () => {
    expect(batchesOn(batches, 'summer').map((b) => b.name)).toEqual(['第一批', '第二批', '夏令时第三批']);
    expect(batchesOn(batches, 'other').map((b) => b.name)).toEqual(['第一批', '第二批']);
  });

  it('keeps the chosen batch, or the latest of the day when it does not run — never an earlier one', () => {
    expect(batchForDay(batches, '第一批', 'other')).toEqual({
      batch: { name: '第一批', time: '17:00' },
      substituted: false,
    });
    expect(batchForDay(batches, '夏令时第三批', 'other')).toEqual({
      batch: { name: '第二批', time: '17:30' },
      substituted: true,
    });
    expect(batchForDay([{ name: '夏', time: '18:00', seasons: ['summer'] }], '夏', 'other')).toBeNull();
  });

  it('lets the guardian change today’s batch until the cut-off before the earlier of the two', () => {
    const at = (hm: string) => parseTime(hm);
    const change = (now: string) =>
      batchChangeOpen({ nowMinutes: at(now), fromTime: '17:30', toTime: '17:00', cutoffMinutes: 30 });
    expect(change('16:30')).toBe(true);
    expect(change('16:31')).toBe(false);
    expect(
      batchChangeOpen({ nowMinutes: at('16:59'), fromTime: '17:30', toTime: '18:00', cutoffMinutes: 30 }),
    ).toBe(true);
    expect(
      batchChangeOpen({ nowMinutes: at('17:01'), fromTime: '17:30', toTime: '18:00', cutoffMinutes: 30 }),
    ).toBe(false);
  });
});

describe('pickup codes (F-13)', () => {
  it('read what a guard types: spaces, dashes and full-width digits; nothing else', () => {
    expect(readPickupCode(' 123 456 ')).toBe('123456');
    expect(readPickupCode('123-456')).toBe('123456');
    expect(readPickupCode('１２３４５６')).toBe('123456');
    expect(readPickupCode('12345')).toBeNull();
    expect(readPickupCode('1234567')).toBeNull();
    expect(readPickupCode('12a456')).toBeNull();
  });

  it('accept the day’s code only, refuse a wrong one, and lock after repeated wrong tries', () => {
    const base = {
      matches: (digits: string) => digits === '482913',
      codeDay: '2026-11-30',
      today: '2026-11-30',
      failures: 0,
    };
    expect(checkPickupCode({ ...base, typed: '482 913' })).toBe('ok');
    expect(checkPickupCode({ ...base, typed: '482914' })).toBe('wrong');
    expect(checkPickupCode({ ...base, typed: 'abc' })).toBe('wrong');
    expect(checkPickupCode({ ...base, typed: '482913', today: '2026-12-01' })).toBe('expired');
    expect(checkPickupCode({ ...base, typed: '482913', failures: PICKUP_CODE_MAX_FAILURES - 1 })).toBe('ok');
    expect(checkPickupCode({ ...base, typed: '482913', failures: PICKUP_CODE_MAX_FAILURES })).toBe('locked');
  });
});
