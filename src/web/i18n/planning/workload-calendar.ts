// Messages of issue 14 items 6, 16 and 17: the rota's weekly limit per person, the calendar's month
// grid and the make-up working days (调休上班日) of the policy and the plan. zh-CN is the source of the
// keys; the English dictionary has exactly the same keys. Spread into ../zh-cn.ts and ../en.ts.

export const planningCalendarZh = {
  // the region policy
  'policy.section.rotaCalendar': '值日工作量与调休上班日',
  'policy.f.staffWeeklyLimit': '每人每周服务时长上限',
  'policy.f.makeUpRule': '调休上班日',
  'policy.f.makeUpDefault': '方案未选择时',
  'policy.clause.staffWeeklyLimit':
    '平台默认 8 小时，地区可调整：种子文件未规定上限（B 五(三) 只规定每周4天、每天计1.5课时的劳务费，且课后服务不计入教师教学工作量）。值日安排中超过上限的人员标红（F-10）。',
  'policy.clause.makeUp':
    'C 1 学校每周5天都要开展课后服务（“5+2”默认：服务）；B 二 每周四个下午（试点默认：由方案选择，未选择时不服务）。',
  'policy.makeUp.served': '服务',
  'policy.makeUp.not_served': '不服务',
  'policy.makeUp.plan_chooses': '由各校方案选择',
  'unit.hoursPerWeek': '小时/周',
  // the rota
  'rota.limit.hoursValue': '{hours} 小时/周',
  'rota.limit.intro':
    '按方案课表：当天首节开始至结束时间；值日总护导另加交接的 {minutes} 分钟。每人每周上限 {limit} 小时（{source}），超过上限的人员标红。',
  'rota.limit.source.platform': '平台默认，地区可调整',
  'rota.limit.source.region': '本地区政策',
  'rota.limit.over': '超过每周上限',
  'rota.limit.spread':
    '{people} 人有安排：最少 {min}，中位数 {median}，最多 {max} 小时/周，相差 {spread} 小时（均衡参考，不是警告）',
  // the calendar's month grid
  'calendar.view.month': '月历',
  'calendar.view.list': '列表',
  'calendar.month.prev': '上个月',
  'calendar.month.next': '下个月',
  'calendar.month.title': '{year}年{month}月',
  'calendar.month.legend': '图例',
  'calendar.mark.holiday': '放假',
  'calendar.mark.makeup': '调休上班',
  'calendar.mark.makeupServed': '调休上班·服务',
  'calendar.mark.noService': '停课',
  'calendar.mark.service': '服务日',
  'calendar.mark.termFirst': '学期首日',
  'calendar.mark.termLast': '学期末日',
  'calendar.mark.start': '统一启动',
  'calendar.month.weekday.1': '一',
  'calendar.month.weekday.2': '二',
  'calendar.month.weekday.3': '三',
  'calendar.month.weekday.4': '四',
  'calendar.month.weekday.5': '五',
  'calendar.month.weekday.6': '六',
  'calendar.month.weekday.7': '日',
  'calendar.month.serviceNote': '服务日按本校已审定的方案计算（{weekdays}；调休上班日{makeUp}）。',
  'calendar.month.noPlan': '本学期方案尚未审定，月历只显示节假日与停课日。',
  // the plan's make-up working days
  'plan.makeUp.title': '调休上班日（{count} 天）',
  'plan.makeUp.label': '调休上班日是否开展服务',
  'plan.makeUp.policyDefault': '按本地区默认（{value}）',
  'plan.makeUp.fixed': '本地区政策规定：调休上班日{value}，方案不能更改。',
  'plan.makeUp.choose': '本地区政策由各校方案选择；未选择时{value}。',
  'plan.makeUp.timetable': '调休上班日按星期几的课表与编组',
  'plan.makeUp.timetableOwn': '不指定（按当天星期）',
} as const satisfies Record<string, string>;

export const planningCalendarEn: Record<keyof typeof planningCalendarZh, string> = {
  'policy.section.rotaCalendar': 'Rota workload and make-up working days',
  'policy.f.staffWeeklyLimit': 'Weekly service limit per person',
  'policy.f.makeUpRule': 'Make-up working days',
  'policy.f.makeUpDefault': 'When the plan does not choose',
  'policy.clause.staffWeeklyLimit':
    'Platform default 8 hours, the region may change it: the seed documents set no limit (seed B, section 5(3), only pays 1.5 class hours a day, 4 days a week, and keeps the service out of teaching workload). People on the rota above the limit are marked (F-10).',
  'policy.clause.makeUp':
    'Seed C, item 1: service on every school day (5+2 default: served); seed B, section 2: four afternoons a week (pilot default: each plan chooses, not served when it does not).',
  'policy.makeUp.served': 'Served',
  'policy.makeUp.not_served': 'Not served',
  'policy.makeUp.plan_chooses': 'Each school’s plan chooses',
  'unit.hoursPerWeek': 'h a week',
  'rota.limit.hoursValue': '{hours} h a week',
  'rota.limit.intro':
    'By the plan’s timetable: from the first session to the end time; the duty chief adds {minutes} minutes of hand-over. Limit per person {limit} h a week ({source}); people above it are marked.',
  'rota.limit.source.platform': 'platform default, the region may change it',
  'rota.limit.source.region': 'the region’s policy',
  'rota.limit.over': 'Over the weekly limit',
  'rota.limit.spread':
    '{people} people on duty: min {min}, median {median}, max {max} h a week, a spread of {spread} h (for balance, not a warning)',
  'calendar.view.month': 'Month',
  'calendar.view.list': 'List',
  'calendar.month.prev': 'Previous month',
  'calendar.month.next': 'Next month',
  'calendar.month.title': '{month}/{year}',
  'calendar.month.legend': 'Legend',
  'calendar.mark.holiday': 'Holiday',
  'calendar.mark.makeup': 'Make-up working day',
  'calendar.mark.makeupServed': 'Make-up day, served',
  'calendar.mark.noService': 'No service',
  'calendar.mark.service': 'Service day',
  'calendar.mark.termFirst': 'First day of term',
  'calendar.mark.termLast': 'Last day of term',
  'calendar.mark.start': 'Service starts',
  'calendar.month.weekday.1': 'Mon',
  'calendar.month.weekday.2': 'Tue',
  'calendar.month.weekday.3': 'Wed',
  'calendar.month.weekday.4': 'Thu',
  'calendar.month.weekday.5': 'Fri',
  'calendar.month.weekday.6': 'Sat',
  'calendar.month.weekday.7': 'Sun',
  'calendar.month.serviceNote':
    'Service days by the school’s approved plan ({weekdays}; make-up working days {makeUp}).',
  'calendar.month.noPlan':
    'The term’s plan is not approved yet: the month shows holidays and no-service days only.',
  'plan.makeUp.title': 'Make-up working days ({count})',
  'plan.makeUp.label': 'Service on make-up working days',
  'plan.makeUp.policyDefault': 'The region’s default ({value})',
  'plan.makeUp.fixed': 'The region’s policy: make-up working days are {value}; the plan cannot change it.',
  'plan.makeUp.choose': 'The region lets each plan choose; without a choice: {value}.',
  'plan.makeUp.timetable': 'Timetable and groups on make-up working days',
  'plan.makeUp.timetableOwn': 'Not stated (the day’s own weekday)',
};
