// Messages of issue 14 items 5 and 7: the groups and people in charge on the public notice (from the
// saved grouping and rota once saved, src/domain/in-charge.ts), and the bureau's confirmation of what
// its approval publishes. zh-CN is the source of the keys; the English dictionary has exactly the same
// keys. Spread into ../zh-cn.ts and ../en.ts.

export const planningInChargeZh = {
  // the public notice
  'notice.servesFrom': '服务开始日期',
  'notice.inCharge': '班组与负责人',
  'notice.inCharge.fromGrouping': '以学校已确定的编班和值日安排为准。',
  'notice.inCharge.fromPlan': '按审定的方案；学校确定编班后，以编班为准。',
  'notice.inCharge.leader': '负责教师',
  'notice.inCharge.noLeader': '待定',
  'notice.inCharge.dutyChief': '值日总护导',
  'notice.inCharge.managers': '管理人员',
  'notice.inCharge.noGroups': '尚未编班',
  // the plan's start date
  'plan.startsOn.title': '服务开始日期',
  'plan.startsOn.label': '本学期课后服务开始日期',
  'plan.startsOn.unified':
    '不填则为本地区课后服务统一启动时间 {date}（B 六(五)）；早于统一启动时间的服务日不符合要求。',
  'plan.startsOn.termStart': '不填则为学期第一天 {date}（本地区未设统一启动时间）。',
  // the bureau's approval
  'planReview.confirm.title': '审定通过并发布服务公示？',
  'planReview.confirm.intro': '确认后，方案即审定，以下内容立即作为服务公示（第 {version} 版）向家长公开：',
  'planReview.confirm.publishedOn': '发布日期',
  'planReview.confirm.days': '服务日',
  'planReview.confirm.dayCount': '{first} 起至 {last}，共 {count} 个服务日',
  'planReview.confirm.times': '服务时间',
  'planReview.confirm.timesLine': '{start} 开始；夏令时 {summer} 结束，其余时间 {other} 结束',
  'planReview.confirm.fee': '收费',
  'planReview.confirm.inCharge': '班组与负责人',
  'planReview.confirm.ok': '确认审定并发布',
  'planReview.confirm.cancel': '返回',
} as const satisfies Record<string, string>;

export const planningInChargeEn: Record<keyof typeof planningInChargeZh, string> = {
  'notice.servesFrom': 'Service starts on',
  'notice.inCharge': 'Groups and people in charge',
  'notice.inCharge.fromGrouping': "As the school's grouping and duty rota set them.",
  'notice.inCharge.fromPlan': 'As in the approved plan; once the school forms its groups, the groups apply.',
  'notice.inCharge.leader': 'Teacher in charge',
  'notice.inCharge.noLeader': 'to be named',
  'notice.inCharge.dutyChief': 'Duty chief',
  'notice.inCharge.managers': 'Managers',
  'notice.inCharge.noGroups': 'No groups formed yet',
  'plan.startsOn.title': 'Service start',
  'plan.startsOn.label': "This term's first day of service",
  'plan.startsOn.unified':
    "Left empty: the region's unified start date, {date} (B 6(5)); service days before it do not comply.",
  'plan.startsOn.termStart':
    "Left empty: the term's first day, {date} (the region set no unified start date).",
  'planReview.confirm.title': 'Approve the plan and publish the notice?',
  'planReview.confirm.intro':
    'Once you confirm, the plan is approved and the following is published to parents at once as the public notice (version {version}):',
  'planReview.confirm.publishedOn': 'Published on',
  'planReview.confirm.days': 'Service days',
  'planReview.confirm.dayCount': '{count} service days, from {first} to {last}',
  'planReview.confirm.times': 'Service hours',
  'planReview.confirm.timesLine': 'From {start}; ends at {summer} in summer time, {other} otherwise',
  'planReview.confirm.fee': 'Fee',
  'planReview.confirm.inCharge': 'Groups and people in charge',
  'planReview.confirm.ok': 'Approve and publish',
  'planReview.confirm.cancel': 'Back',
};
