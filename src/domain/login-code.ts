// F-27: first sign-in of guardians (and staff) whose accounts were made by an import and have no
// password yet. The school prints or sends a one-time code; signing in with it asks for a password
// at once. Pure: the shape of a code and how long it lasts. See docs/import.md.
import { toHalfWidth } from './phone.js';

/** Digits of a code: 10^8 codes, against 5 guesses per 15 minutes per phone (the login lockout). */
export const LOGIN_CODE_DIGITS = 8;

/** A printed list goes home in a school bag and may wait for a weekend: two weeks. */
export const LOGIN_CODE_TTL_DAYS = 14;

/** The code as typed (spaces, dashes, full-width digits) in its stored form, or null. */
export function normaliseLoginCode(typed: string): string | null {
  const digits = toHalfWidth(typed).replace(/[\s\-\u3000]/g, '');
  return new RegExp(`^\\d{${LOGIN_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** `1234 5678`: easier to read off paper and type on a phone. */
export function formatLoginCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** The moment a code issued at `issuedAt` stops working. */
export function loginCodeExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + LOGIN_CODE_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * An unlock code (issue 13.5) lifts a sign-in lock: the school admin reads it out or hands it over
 * while the locked person waits, so an hour is ample. Same shape as a sign-in code; it signs nobody in.
 */
export const UNLOCK_CODE_TTL_MINUTES = 60;

/** The moment an unlock code issued at `issuedAt` stops working. */
export function unlockCodeExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + UNLOCK_CODE_TTL_MINUTES * 60 * 1000);
}
