// Numbers written in Chinese numerals as school lists and generated names write them (三年级, 第二批,
// 十二班): one reading for the import (roster-import.ts) and the pages (web/i18n/format.ts).

export const ZH_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 1–99 written in Chinese numerals (一, 十, 十二, 二十, 二十三), or null. */
export function chineseNumber(text: string): number | null {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (m && text !== '') {
    const [, tens, ten, units] = m;
    if (!ten) return tens && !units ? (ZH_DIGITS[tens] ?? null) : null;
    return (tens ? (ZH_DIGITS[tens] ?? 0) : 1) * 10 + (units ? (ZH_DIGITS[units] ?? 0) : 0);
  }
  return null;
}
