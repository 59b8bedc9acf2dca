import { describe, expect, it } from 'vitest';
import { assignableThrough, letterCovers, letterStatus } from './staff.js';

const letter = { signedOn: '2026-08-25', validUntil: '2027-08-24' };

describe('responsibility letters (A 三.1)', () => {
  it('cover their first and last day, and nothing outside', () => {
    expect(letterCovers(letter, '2026-08-25')).toBe(true);
    expect(letterCovers(letter, '2027-08-24')).toBe(true);
    expect(letterCovers(letter, '2026-08-24')).toBe(false);
    expect(letterCovers(letter, '2027-08-25')).toBe(false);
  });

  it('make a person assignable only when one letter spans the whole period', () => {
    expect(assignableThrough([letter], '2026-09-07', '2027-01-22')).toBe(true);
    expect(assignableThrough([letter], '2026-09-07', '2027-09-01')).toBe(false);
    const second = { signedOn: '2027-08-25', validUntil: '2028-08-24' };
    expect(assignableThrough([letter, second], '2027-08-01', '2027-09-01')).toBe(false);
    expect(assignableThrough([], '2026-09-07', '2026-09-07')).toBe(false);
  });

  it('are labelled current, expiring within 30 days, expired, not yet in force or missing', () => {
    expect(letterStatus([], '2026-11-30')).toBe('missing');
    expect(letterStatus([letter], '2026-11-30')).toBe('current');
    expect(letterStatus([letter], '2027-07-26')).toBe('expiring');
    expect(letterStatus([letter], '2027-07-25')).toBe('current');
    expect(letterStatus([letter], '2027-08-25')).toBe('expired');
    expect(letterStatus([letter], '2026-08-01')).toBe('not_yet');
    expect(letterStatus([letter, { signedOn: '2027-08-01', validUntil: '2028-07-31' }], '2027-07-26')).toBe(
      'current',
    );
  });
});
