// English is English (issue 14.13): no Chinese character and no full-width punctuation (：，（）、)
// in any English string the app shows — the web dictionary with every module spread into it, and
// the bilingual texts of the server and the domain (errors, findings, notifications: `en: '…'`).
// Chinese that a user typed (names, venues) is data, not a string of the app: the browser test
// e2e/foundation/every-page.spec.ts checks the pages with that data shown.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';

/** Han characters, CJK symbols and punctuation, full-width forms. */
const NOT_ENGLISH = /[\u2E80-\u2FFF\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;

// Each language is named in itself in the language switch (rendered with lang="zh-CN").
const SELF_NAMED = new Set(['lang.zh']);

// The import template is a Chinese sheet: its English help quotes the values to type into it, as
// they must be typed (src/domain/roster-import.ts). Only those, and only there.
const TEMPLATE_VALUES: Record<string, RegExp> = {
  'src/domain/roster-import.ts':
    /男|女|三年级|3年级|初一|2班|\(2\)班|二班|看护教师|值日总护导|门卫|学校管理员|、/g,
};

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/**
 * The literal text of each `en: '…'` (or "…", or a template literal without its `${…}` parts) in a
 * source file, with its line.
 */
function englishLiterals(source: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  const pattern = /\ben:\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\])*)`)/g;
  for (const match of source.matchAll(pattern)) {
    const text = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\$\{[^}]*\}/g, '');
    found.push({ line: source.slice(0, match.index).split('\n').length, text });
  }
  return found;
}

describe('English strings', () => {
  it('the web dictionary has no Chinese character or full-width punctuation', () => {
    const bad = Object.entries(en)
      .filter(([key, text]) => !SELF_NAMED.has(key) && NOT_ENGLISH.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(bad).toEqual([]);
  });

  it('the bilingual texts of the server, the domain and the pages have none either', () => {
    const bad: string[] = [];
    for (const file of [
      ...sourceFiles('src/server'),
      ...sourceFiles('src/domain'),
      ...sourceFiles('src/web'),
    ]) {
      for (const { line, text } of englishLiterals(fs.readFileSync(path.join(ROOT, file), 'utf8')))
        if (NOT_ENGLISH.test(text.replace(TEMPLATE_VALUES[file] ?? /^$/, '')))
          bad.push(`${file}:${line}: ${text}`);
    }
    expect(bad).toEqual([]);
  });

  it('finds what it looks for', () => {
    const template = ['`Row ', '${n}', '（2）`'].join('');
    const sample = `x = { zh: '姓名', en: 'Name：' };\ny = { en: ${template} };\nz = { en: 'Name' };`;
    expect(englishLiterals(sample).map((l) => NOT_ENGLISH.test(l.text))).toEqual([true, true, false]);
    expect(NOT_ENGLISH.test('Grade 1, Class 2 · 29 Nov 2026 “quoted” — ok…')).toBe(false);
  });
});
