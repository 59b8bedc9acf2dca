// One rule for every text a person types into kehou (names, reasons, notes, identifiers): what a
// school's records may hold must be what people can read back. Refused, each with its code (the
// message is rendered by the caller):
// - `control`: C0 and C1 control characters and DEL (NUL among them, which PostgreSQL cannot store);
//   tab and line breaks only in a multi-line field;
// - `invalid`: U+FFFD (bytes that were not UTF-8, replaced by the decoder) and lone UTF-16
//   surrogates: the typed text was lost on its way, so storing it would store garbage;
// - `bidi`: bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name
//   display other than it reads (a roster, a gate screen) and have no use in Chinese or English text;
// - `invisible`: nothing visible at all — only spaces, zero-width characters (U+200B–U+200D, U+2060,
//   U+FEFF), marks such as U+200E/U+200F, or other format characters.

export type TextProblem = 'control' | 'invalid' | 'bidi' | 'invisible';

const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
// Letters, marks, numbers, punctuation and symbols are what a reader sees.
const VISIBLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function isControl(code: number, multiline: boolean): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return !multiline;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export function textProblem(value: string, options: { multiline?: boolean } = {}): TextProblem | null {
  const multiline = options.multiline ?? false;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = value.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return 'invalid';
      i++;
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return 'invalid';
    if (unit === 0xfffd) return 'invalid';
    if (isControl(unit, multiline)) return 'control';
  }
  if (BIDI.test(value)) return 'bidi';
  if (value.length > 0 && !VISIBLE.test(value)) return 'invisible';
  return null;
}

// Whether a string holds a character no text column can keep (NUL) or that is not text at all (a
// lone surrogate): checked on every request, whatever its schema says, before anything is stored.
export function unstorableCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === 0) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = value.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}
