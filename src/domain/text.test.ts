import { describe, expect, it } from 'vitest';
import { textProblem, unstorableCharacter } from './text.js';

describe('textProblem: one rule for every typed text', () => {
  it('accepts Chinese, English, digits, punctuation and emoji as typed', () => {
    for (const ok of [
      '王小明',
      'Wang Xiaoming',
      '一(1)班',
      '<script>alert(1)</script>',
      "O'Brien",
      '👍 好',
      '0755-12345678',
    ])
      expect(textProblem(ok)).toBeNull();
  });
  it('refuses NUL, other C0 and C1 controls and DEL', () => {
    for (const bad of ['a\u0000', '\u0001x', 'x\u001f', 'x\u007f', 'x\u0085', 'x\u009f'])
      expect(textProblem(bad)).toBe('control');
  });
  it('takes tab and line breaks only in a multi-line field', () => {
    for (const v of ['一行\n二行', 'a\tb', 'a\r\nb']) {
      expect(textProblem(v)).toBe('control');
      expect(textProblem(v, { multiline: true })).toBeNull();
    }
    expect(textProblem('a\u0000\nb', { multiline: true })).toBe('control');
  });
  it('refuses what was not UTF-8 (U+FFFD) and lone surrogates; keeps pairs', () => {
    expect(textProblem('\uFFFD\uFFFD')).toBe('invalid');
    expect(textProblem('a\uD800')).toBe('invalid');
    expect(textProblem('\uDC00b')).toBe('invalid');
    expect(textProblem('\uD83D\uDE00')).toBeNull();
  });
  it('refuses bidirectional overrides and isolates anywhere', () => {
    for (const bad of ['\u202Egnp.exe', 'ab\u202A', '\u2066名\u2069']) expect(textProblem(bad)).toBe('bidi');
  });
  it('refuses names with nothing visible; a visible character with a zero-width one is fine', () => {
    for (const bad of ['\u200B', '\u200B\u200C\u200D', '\uFEFF', '\u2060\u200E', '\u3000', ' '])
      expect(textProblem(bad)).toBe('invisible');
    expect(textProblem('王\u200B明')).toBeNull();
    expect(textProblem('')).toBeNull();
  });
});

describe('unstorableCharacter', () => {
  it('is NUL or a lone surrogate, nothing else', () => {
    expect(unstorableCharacter('a\u0000b')).toBe(true);
    expect(unstorableCharacter('\uD800')).toBe(true);
    expect(unstorableCharacter('x\uDFFF')).toBe(true);
    expect(unstorableCharacter('\uD83D\uDE00 \u0001 \uFFFD')).toBe(false);
  });
});
