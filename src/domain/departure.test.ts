import { describe, expect, it } from 'vitest';
import { parseTime } from './dates.js';
import {
  batchChangeOpen,
  batchesOn,
  batchForDay,
  checkPickupCode,
  earlyRelease,
  identityChecksFor,
  PICKUP_CODE_MAX_FAILURES,
  readIdLast4,
  readPickupCode,
  releaseIdentityCheck,
  releaseTiming,
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

describe('the identity check of a release without the code (issue 14.4, B 六(三))', () => {
  const listed = (check: Parameters<typeof releaseIdentityCheck>[0]['check'], photoOnFile = false) =>
    releaseIdentityCheck({ method: 'listed_person', check, photoOnFile, last4OnFile: null });

  it('offers the photo only when one is on file, the ID checks always', () => {
    expect(identityChecksFor({ photoOnFile: true })).toEqual(['photo', 'id_last4', 'id_document']);
    expect(identityChecksFor({ photoOnFile: false })).toEqual(['id_last4', 'id_document']);
  });

  it('refuses a release to a listed person with no check, and a photo check without a photo', () => {
    expect(listed(null)).toEqual({ ok: false, refusal: 'identity_check_required' });
    expect(listed(null, true)).toEqual({ ok: false, refusal: 'identity_check_required' });
    expect(listed({ method: 'photo' })).toEqual({ ok: false, refusal: 'no_photo_on_file' });
    expect(listed({ method: 'photo' }, true)).toEqual({ ok: true, record: { method: 'photo', last4: null } });
    expect(listed({ method: 'id_document' })).toEqual({
      ok: true,
      record: { method: 'id_document', last4: null },
    });
  });

  it('records four ID characters as typed (X as check digit), never more', () => {
    expect(listed({ method: 'id_last4', last4: '１２３x' })).toEqual({
      ok: true,
      record: { method: 'id_last4', last4: '123X' },
    });
    expect(listed({ method: 'id_last4', last4: '123' })).toEqual({ ok: false, refusal: 'id_last4_invalid' });
    expect(listed({ method: 'id_last4', last4: '12345' })).toEqual({
      ok: false,
      refusal: 'id_last4_invalid',
    });
    expect(listed({ method: 'id_last4' })).toEqual({ ok: false, refusal: 'id_last4_invalid' });
    expect(readIdLast4(' 0 4 1 7 ')).toBe('0417');
    expect(readIdLast4('X123')).toBeNull();
  });

  it('compares the digits with the ones on file when the school has them', () => {
    const withFile = (last4: string) =>
      releaseIdentityCheck({
        method: 'listed_person',
        check: { method: 'id_last4', last4 },
        photoOnFile: false,
        last4OnFile: '041x',
      });
    expect(withFile('041X')).toEqual({ ok: true, record: { method: 'id_last4', last4: '041X' } });
    expect(withFile('0418')).toEqual({ ok: false, refusal: 'id_last4_mismatch' });
  });

  it('needs no check for the pickup code or a child leaving alone, and takes none', () => {
    for (const method of ['pickup_code', 'alone'] as const) {
      expect(releaseIdentityCheck({ method, check: null, photoOnFile: true, last4OnFile: null })).toEqual({
        ok: true,
        record: null,
      });
      expect(
        releaseIdentityCheck({
          method,
          check: { method: 'id_document' },
          photoOnFile: true,
          last4OnFile: null,
        }),
      ).toEqual({ ok: false, refusal: 'identity_check_not_applicable' });
    }
  });
});

describe('an early release (issue 14.4, C 2 弹性离校)', () => {
  const batch = { name: '第一批', time: '17:00' };
  const at = (hm: string) => parseTime(hm);

  it('is early one minute before the batch time, not at it nor after', () => {
    expect(earlyRelease({ nowMinutes: at('16:59'), batch })).toEqual({
      batchName: '第一批',
      batchTime: '17:00',
      minutesEarly: 1,
    });
    expect(earlyRelease({ nowMinutes: at('17:00'), batch })).toBeNull();
    expect(earlyRelease({ nowMinutes: at('17:01'), batch })).toBeNull();
    expect(earlyRelease({ nowMinutes: at('16:13'), batch })?.minutesEarly).toBe(47);
    expect(earlyRelease({ nowMinutes: at('15:00'), batch: null })).toBeNull();
  });

  it('goes ahead only when confirmed', () => {
    expect(releaseTiming({ nowMinutes: at('16:59'), batch, earlyConfirmed: false })).toEqual({
      ok: false,
      refusal: 'early_unconfirmed',
      early: { batchName: '第一批', batchTime: '17:00', minutesEarly: 1 },
    });
    expect(releaseTiming({ nowMinutes: at('16:59'), batch, earlyConfirmed: true })).toEqual({
      ok: true,
      early: { batchName: '第一批', batchTime: '17:00', minutesEarly: 1 },
    });
    expect(releaseTiming({ nowMinutes: at('17:00'), batch, earlyConfirmed: false })).toEqual({
      ok: true,
      early: null,
    });
  });
});
