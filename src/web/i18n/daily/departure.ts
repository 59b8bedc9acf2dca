// Messages of the daily-operation pages (issue 5): departure. zh-CN is the source of the keys; the English
// dictionary has exactly the same keys (a missing or extra key is a type error). Spread into
// ../zh-cn.ts and ../en.ts.

export const dailyDepartureZh = {
  'daily.departure.title': 'departure',
} as const satisfies Record<string, string>;

export const dailyDepartureEn: Record<keyof typeof dailyDepartureZh, string> = {
  'daily.departure.title': 'departure',
};
