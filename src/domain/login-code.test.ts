import { describe, expect, it } from 'vitest';
import { formatLoginCode, LOGIN_CODE_TTL_DAYS, loginCodeExpiry, normaliseLoginCode } from './login-code.js';

describe('one-time sign-in codes', () => {
  it('reads a code as people type it, and only 8 digits', () => {
    expect(normaliseLoginCode('1234 5678')).toBe('12345678');
    expect(normaliseLoginCode('1234-5678')).toBe('12345678');
    expect(normaliseLoginCode('１２３４５６７８')).toBe('12345678');
    expect(normaliseLoginCode('1234567')).toBeNull();
    expect(normaliseLoginCode('123456789')).toBeNull();
    expect(normaliseLoginCode('1234567a')).toBeNull();
    expect(normaliseLoginCode('')).toBeNull();
  });

  it('prints a code in two groups of four', () => {
    expect(formatLoginCode('12345678')).toBe('1234 5678');
  });

  it('expires after 14 days to the millisecond', () => {
    const issued = new Date('2026-11-30T07:30:00Z');
    expect(LOGIN_CODE_TTL_DAYS).toBe(14);
    expect(loginCodeExpiry(issued).toISOString()).toBe('2026-12-14T07:30:00.000Z');
  });
});
