// Mainland mobile numbers as people write them in spreadsheets and forms, and as the roster shows
// them to roles that do not need them in full (F-07: 138****1234). Pure.

/** The stored form: 11 digits, 1 then 3–9 (the number ranges the carriers issue to mobiles). */
const MOBILE = /^1[3-9]\d{9}$/;

/** Full-width ASCII (０-９, （）, ＋, －) as a Chinese input method types it, to half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xfee0));
}

/**
 * `13800138000` from `138 0013 8000`, `138-0013-8000`, `+86 138…`, `0086…`, `(+86)138…`, full-width
 * digits, or null when what remains is not a mainland mobile. Spaces of any width, hyphens, dots and
 * parentheses are separators; the country code 86 is dropped when it is written with + or 00, or
 * when it stands before a full 11-digit mobile.
 */
export function normaliseMobile(input: string | null | undefined): string | null {
  if (input == null) return null;
  const compact = toHalfWidth(input).replace(/[\s\u200B\uFEFF\-.()\u2010-\u2015]/g, '');
  let digits: string;
  if (compact.startsWith('+86')) digits = compact.slice(3);
  else if (compact.startsWith('0086')) digits = compact.slice(4);
  else if (compact.startsWith('86') && compact.length === 13) digits = compact.slice(2);
  else digits = compact;
  return MOBILE.test(digits) ? digits : null;
}

/** Whether `phone` is already in the stored form (no separators, no country code). */
export function isMobile(phone: string): boolean {
  return MOBILE.test(phone);
}

/**
 * `138****8000` for a mobile (in any form `normaliseMobile` reads). A number already masked that way
 * passes through; any other non-empty text keeps its first two characters only, so an odd value
 * never shows in full where the full number is not needed.
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null | undefined): string | null;
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  const trimmed = phone.trim();
  if (trimmed === '') return null;
  const mobile = normaliseMobile(trimmed);
  if (mobile) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  if (/^\d{3}\*{4}\d{4}$/.test(trimmed)) return trimmed;
  return `${[...trimmed].slice(0, 2).join('')}****`;
}
