import { beforeAll, describe, expect, it } from 'vitest';
import { type Lang, loadLanguage, type TFunction, translate } from './i18n';
import { relationLabel } from './labels';
import { standardRoleLabel } from './role-names';

const tIn =
  (lang: Lang): TFunction =>
  (key, params) =>
    translate(lang, key, params);

// English is loaded on demand in the app (i18n.tsx).
beforeAll(() => loadLanguage('en'));

describe('relationLabel', () => {
  it('names the usual relations in English, formal and everyday words alike', () => {
    const t = tIn('en');
    expect(relationLabel(t, 'en', '父亲')).toBe('Father');
    expect(relationLabel(t, 'en', '妈妈')).toBe('Mother');
    expect(relationLabel(t, 'en', '祖父')).toBe('Grandfather');
    expect(relationLabel(t, 'en', '奶奶')).toBe('Grandmother');
    expect(relationLabel(t, 'en', '外祖父')).toBe('Grandfather (maternal)');
    expect(relationLabel(t, 'en', '外婆')).toBe('Grandmother (maternal)');
    expect(relationLabel(t, 'en', '其他')).toBe('Other');
    expect(relationLabel(t, 'en', ' 母亲 ')).toBe('Mother');
  });

  it('shows unknown words as stored, and never reads inherited object keys', () => {
    const t = tIn('en');
    expect(relationLabel(t, 'en', '舅舅')).toBe('舅舅');
    expect(relationLabel(t, 'en', 'constructor')).toBe('constructor');
    expect(relationLabel(t, 'en', 'father')).toBe('father');
  });

  it('shows the stored words in Chinese', () => {
    const t = tIn('zh-CN');
    expect(relationLabel(t, 'zh-CN', '妈妈')).toBe('妈妈');
    expect(relationLabel(t, 'zh-CN', '外公')).toBe('外公');
    expect(relationLabel(t, 'zh-CN', '舅舅')).toBe('舅舅');
  });
});

describe('standardRoleLabel (issue 14.13)', () => {
  it('reads a leadership position and its A 二 duty in English', () => {
    expect(standardRoleLabel('en', '组长（看护工作第一责任人）')).toBe(
      'Leader (First person responsible for care)',
    );
    expect(standardRoleLabel('en', '副组长')).toBe('Deputy leader');
    expect(standardRoleLabel('zh-CN', '组长(看护工作第一责任人)')).toBe('组长（看护工作第一责任人）');
  });

  it("leaves the school's own wording to be shown as written", () => {
    expect(standardRoleLabel('en', '安全副校长')).toBeNull();
    expect(standardRoleLabel('en', '组长（管食堂）')).toBeNull();
  });
});
