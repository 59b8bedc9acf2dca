import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../domain/audit-actions';
import { auditEn, auditZh } from './audit';
import { type Lang, loadLanguage, type TFunction, translate } from './i18n';
import { auditLine, auditLineMarked } from './labels';

const tIn =
  (lang: Lang): TFunction =>
  (key, params) =>
    translate(lang, key, params);

// English is loaded on demand in the app (i18n.tsx).
beforeAll(() => loadLanguage('en'));

describe('the audit log in words (issue 13.9)', () => {
  it('has words for every action the server records, in Chinese and in English', () => {
    const missing: string[] = [];
    for (const action of AUDIT_ACTIONS) {
      const key = `audit.action.${action}`;
      for (const [lang, words] of [
        ['zh-CN', auditZh],
        ['en', auditEn],
      ] as const) {
        const text = (words as Record<string, string | undefined>)[key];
        if (!text?.trim() || text === action) missing.push(`${lang} ${action}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says a gate action with its child and class in either language', () => {
    const release = {
      action: 'departure.release',
      target: { kind: 'student' as const, name: '王小明', grade: 2, className: '(1)班' },
    };
    expect(auditLine(tIn('zh-CN'), 'zh-CN', release)).toBe('放行：王小明（二年级(1)班）');
    expect(auditLine(tIn('en'), 'en', release)).toBe('Released: 王小明 (Grade 2, (1)班)');
    const view = { ...release, action: 'pickup.code_view' };
    expect(auditLine(tIn('zh-CN'), 'zh-CN', view)).toBe('家长查看接送码：王小明（二年级(1)班）');
    expect(auditLine(tIn('en'), 'en', view)).toBe('Guardian viewed the pickup code: 王小明 (Grade 2, (1)班)');
  });

  it('names every kind of target', () => {
    const zh = (target: Parameters<typeof auditLine>[2]['target']) =>
      auditLine(tIn('zh-CN'), 'zh-CN', { action: 'roster.print', target });
    const en = (target: Parameters<typeof auditLine>[2]['target']) =>
      auditLine(tIn('en'), 'en', { action: 'roster.print', target });
    const roster = { kind: 'roster' as const, term: '2026秋', weekday: 1, group: '1组' };
    expect(zh(roster)).toBe('打印学生名册：2026秋 周一 1组');
    expect(en(roster)).toBe('Printed the roster: 2026秋, Mon, 1组');
    expect(zh({ ...roster, group: null })).toBe('打印学生名册：2026秋 周一 全部班组');
    expect(en({ kind: 'pickup_person', name: '王外婆', relation: '外婆', student: '王小明' })).toBe(
      'Printed the roster: 王外婆 (Grandmother (maternal)), pickup person of 王小明',
    );
    expect(zh({ kind: 'date', date: '2026-11-30' })).toBe('打印学生名册：2026年11月30日');
    expect(en({ kind: 'login', name: 'someone' })).toBe('Printed the roster: the account typed “someone”');
    expect(zh({ kind: 'plan', school: '实验小学', term: '2026秋' })).toBe(
      '打印学生名册：实验小学 2026秋实施方案',
    );
    expect(en({ kind: 'policy_version', region: '东湖区', version: 3 })).toBe(
      'Printed the roster: 东湖区 policy, version 3',
    );
    expect(zh({ kind: 'handover', date: '2026-11-30', group: '1组', stage: 'end' })).toBe(
      '打印学生名册：2026年11月30日 1组 结束交接',
    );
    expect(en({ kind: 'visitor', name: '李师傅', date: '2026-11-30' })).toContain('visitor 李师傅');
    expect(zh({ kind: 'person', name: '王老师' })).toBe('打印学生名册：王老师');
    expect(zh(null)).toBe('打印学生名册');
  });

  it('keeps the names a user typed apart, so the page marks them (issue 14.13)', () => {
    const en = (target: Parameters<typeof auditLineMarked>[2]['target']) =>
      auditLineMarked(tIn('en'), 'en', { action: 'roster.print', target });
    expect(en({ kind: 'student', name: '王小明', grade: 2, className: '(1)班' })).toEqual({
      text: 'Printed the roster: {name} (Grade 2, {className})',
      user: { name: '王小明', className: '(1)班' },
    });
    // Names kehou generated read in English and are no user text.
    expect(en({ kind: 'student', name: '王小明', grade: 1, className: '1年级2班' })).toEqual({
      text: 'Printed the roster: {name} (Grade 1, Class 2)',
      user: { name: '王小明' },
    });
    expect(en({ kind: 'roster', term: '2026–2027学年第一学期', weekday: 1, group: '1–2年级1组' })).toEqual({
      text: 'Printed the roster: 2026–2027, term 1, Mon, Grades 1–2 Group 1',
      user: {},
    });
    expect(en({ kind: 'plan', school: '实验小学', term: '2026秋' })).toEqual({
      text: expect.stringContaining('{school}'),
      user: { school: '实验小学', term: '2026秋' },
    });
    expect(en({ kind: 'term', name: '2026–2027学年第一学期' })).toEqual({
      text: 'Printed the roster: 2026–2027, term 1',
      user: {},
    });
  });
});
