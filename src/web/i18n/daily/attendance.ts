// Messages of the daily-operation pages (issue 5): attendance. zh-CN is the source of the keys; the English
// dictionary has exactly the same keys (a missing or extra key is a type error). Spread into
// ../zh-cn.ts and ../en.ts.

export const dailyAttendanceZh = {
  'daily.attendance.title': 'attendance',
} as const satisfies Record<string, string>;

export const dailyAttendanceEn: Record<keyof typeof dailyAttendanceZh, string> = {
  'daily.attendance.title': 'attendance',
};
