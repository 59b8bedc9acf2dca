// Messages shared by the daily-operation pages (issue 5): the demo clock, day navigation. zh-CN is the
// source of the keys; the English dictionary has exactly the same keys (a missing or extra key is a
// type error). Spread into ../zh-cn.ts and ../en.ts.

export const dailyCommonZh = {
  'daily.common.demoClock': '演示时钟 {time} · {date}',
  'daily.common.demoClockChange': '调整',
  'daily.common.demoClockTitle': '调整演示时钟',
  'daily.common.demoClockHelp':
    '演示环境按演示时钟运行（默认为最近一个课后服务日的下午），调整后时钟从所选时间继续走动。正式环境始终使用真实时间。',
  'daily.common.demoClockDate': '日期',
  'daily.common.demoClockTime': '时间（时:分）',
  'daily.common.alertsTitle': '待处理提醒 {count} 条',
  'daily.common.alertsAct': '去处理',
  'daily.common.alertsAll': '全部消息',
} as const satisfies Record<string, string>;

export const dailyCommonEn: Record<keyof typeof dailyCommonZh, string> = {
  'daily.common.demoClock': 'Demo clock {time} · {date}',
  'daily.common.demoClockChange': 'Change',
  'daily.common.demoClockTitle': 'Set the demo clock',
  'daily.common.demoClockHelp':
    'The demo runs on a demo clock (by default the afternoon of the most recent service day); once set, it runs on from the chosen time. Production always uses the real time.',
  'daily.common.demoClockDate': 'Date',
  'daily.common.demoClockTime': 'Time (HH:MM)',
  'daily.common.alertsTitle': '{count} alerts to act on',
  'daily.common.alertsAct': 'Act on it',
  'daily.common.alertsAll': 'All messages',
};
