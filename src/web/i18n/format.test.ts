import { describe, expect, it } from 'vitest';
import {
  classLabel,
  clauseRef,
  formatDate,
  formatDateTime,
  formatGrades,
  formatMoneyFen,
  formatTime,
  generatedName,
  gradeName,
  maskPhone,
  todayInShanghai,
} from './format';

describe('dates in Asia/Shanghai', () => {
  it('writes dates the way a school office does', () => {
    expect(formatDate('2026-11-29', 'zh-CN')).toBe('2026年11月29日');
    expect(formatDate('2026-11-29', 'zh-CN', { weekday: true })).toBe('2026年11月29日 星期日');
    expect(formatDate('2026-11-29', 'en')).toBe('29 Nov 2026');
    expect(formatDate('2026-11-29', 'en', { weekday: true })).toBe('Sunday, 29 Nov 2026');
  });

  it('reads an instant in Shanghai, not in the runtime zone', () => {
    // 16:30 UTC on the 28th is 00:30 on the 29th in Shanghai.
    const instant = new Date('2026-11-28T16:30:00Z');
    expect(formatDate(instant, 'zh-CN')).toBe('2026年11月29日');
    expect(formatTime(instant)).toBe('00:30');
    expect(formatDateTime('2026-11-29T07:30:00Z', 'zh-CN')).toBe('2026年11月29日 15:30');
    expect(todayInShanghai(instant)).toBe('2026-11-29');
  });

  it('treats an ISO date string as the calendar date itself', () => {
    expect(formatDate('2027-01-01', 'en', { weekday: true })).toBe('Friday, 1 Jan 2027');
  });
});

describe('money from integer fen', () => {
  it('formats without floating point', () => {
    expect(formatMoneyFen(5000, 'zh-CN')).toBe('¥50.00');
    expect(formatMoneyFen(5000, 'zh-CN', 'suffix')).toBe('50.00元');
    expect(formatMoneyFen(123456789, 'en', 'suffix')).toBe('1,234,567.89 yuan');
    expect(formatMoneyFen(-7, 'zh-CN')).toBe('-¥0.07');
  });

  it('refuses non-integer amounts', () => {
    expect(() => formatMoneyFen(50.5, 'zh-CN')).toThrow(RangeError);
  });
});

describe('phones and grades', () => {
  it('masks mainland mobile numbers', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138****1234')).toBe('138****1234');
    expect(maskPhone(null)).toBeNull();
  });

  it('names grades and compresses runs', () => {
    expect(gradeName(3, 'zh-CN')).toBe('三年级');
    expect(formatGrades([1, 2, 3, 4, 5, 6], 'zh-CN')).toBe('一至六年级');
    expect(formatGrades([5, 1, 2, 3], 'zh-CN')).toBe('一至三、五年级');
    expect(formatGrades([7, 8, 9], 'en')).toBe('Grades 7–9');
    expect(formatGrades([4], 'en')).toBe('Grade 4');
  });

  it('keeps a class name that already names its grade', () => {
    expect(classLabel(1, '1年级1班', 'zh-CN')).toBe('1年级1班');
    expect(classLabel(3, '2班', 'zh-CN')).toBe('三年级2班');
    expect(classLabel(3, 'Class 2', 'en')).toBe('Grade 3, Class 2');
  });

  it('writes a generated class name in English from its parts', () => {
    expect(classLabel(1, '1年级1班', 'en')).toBe('Grade 1, Class 1');
    expect(classLabel(3, '2班', 'en')).toBe('Grade 3, Class 2');
    expect(classLabel(3, '实验班', 'en')).toBe('Grade 3, 实验班');
  });
});

describe('generated names in English (issue 14.13)', () => {
  it('renders the names kehou made from their parts', () => {
    expect(generatedName('2026–2027学年第一学期', 'en')).toBe('2026–2027, term 1');
    expect(generatedName('2026-2027学年第二学期', 'en')).toBe('2026–2027, term 2');
    expect(generatedName('1年级2班', 'en')).toBe('Grade 1, Class 2');
    expect(generatedName('1年级1组', 'en')).toBe('Grade 1 Group 1');
    expect(generatedName('1–2年级2组', 'en')).toBe('Grades 1–2 Group 2');
    expect(generatedName('1、3年级1组', 'en')).toBe('Grades 1, 3 Group 1');
    expect(generatedName('第3组', 'en')).toBe('Group 3');
    expect(generatedName('第一批', 'en')).toBe('Batch 1');
    expect(generatedName('第2批', 'en')).toBe('Batch 2');
  });

  it('keeps a name a user typed, and every name in Chinese', () => {
    expect(generatedName('书法社', 'en')).toBe('书法社');
    expect(generatedName('1年级书法组', 'en')).toBe('1年级书法组');
    expect(generatedName('1年级1组', 'zh-CN')).toBe('1年级1组');
  });
});

describe('clauseRef', () => {
  it('cites the seed clauses with Arabic numbers in English', () => {
    expect(clauseRef('B 五(三)', 'en')).toBe('B 5(3)');
    expect(clauseRef('A 三.5；B 六(二)', 'en')).toBe('A 3.5; B 6(2)');
    expect(clauseRef('A 二', 'en')).toBe('A 2');
    expect(clauseRef('C 1', 'en')).toBe('C 1');
    expect(clauseRef('B 五(三)', 'zh-CN')).toBe('B 五(三)');
  });
});
