// Messages of the daily-operation pages (issue 5): common. zh-CN is the source of the keys; the English
// dictionary has exactly the same keys (a missing or extra key is a type error). Spread into
// ../zh-cn.ts and ../en.ts.

export const dailyCommonZh = {
  'daily.common.title': 'common',
} as const satisfies Record<string, string>;

export const dailyCommonEn: Record<keyof typeof dailyCommonZh, string> = {
  'daily.common.title': 'common',
};
