// Messages of the daily-operation pages (issue 5): close. zh-CN is the source of the keys; the English
// dictionary has exactly the same keys (a missing or extra key is a type error). Spread into
// ../zh-cn.ts and ../en.ts.

export const dailyCloseZh = {
  'daily.close.title': 'close',
} as const satisfies Record<string, string>;

export const dailyCloseEn: Record<keyof typeof dailyCloseZh, string> = {
  'daily.close.title': 'close',
};
