// Messages of the guardian's phone pages added by issue 14.10: the batches of the season in force on
// the application form, the region's rule for leaving alone, and why a child is not offered on the
// leave form. zh-CN is the source of the keys; the English dictionary has exactly the same keys.
// Spread into ../zh-cn.ts and ../en.ts.

export const guardianPhoneZh = {
  // B 二 夏令时/非夏令时: the form offers the batches of the season in force.
  'guardianPhone.season.summer': '夏令时作息',
  'guardianPhone.season.other': '非夏令时作息',
  'guardianPhone.batch.seasonNow': '现在是{season}，可选以下离校批次。',
  'guardianPhone.batch.otherSeason': '{name} {time}：{season}，自{date}起',
  'guardianPhone.batch.otherSeasonHint':
    '另一作息的批次到时按学校安排：所选批次那时不开设的，孩子在当天最晚的批次离校。',
  // The region's lowest grade that may leave alone.
  'guardianPhone.leaveAlone.rule': '本地区规定：{grade}及以上的学生经家长声明可自行离校。',
  'guardianPhone.leaveAlone.below': '{name}读{grade}，不能自行离校，须由接送人接走。',
  // F-11 leave: only children in the service this term.
  'guardianPhone.leave.notEnrolled': '{names}本学期不在课后服务名单中（没有已通过的报名），无需请假。',
  'guardianPhone.leave.noneEnrolled': '您的孩子本学期都不在课后服务名单中，无需请假。',
  // The bureau's policy page.
  'guardianPhone.policy.leaveAloneMinGrade': '可自行离校的最低年级',
  'guardianPhone.policy.leaveAloneClause':
    '种子文件未规定；平台默认三年级（一、二年级须由接送人接走），A 三.2 以学生安全为出发点。填 10 表示各年级都不可自行离校。',
};

export const guardianPhoneEn: Record<keyof typeof guardianPhoneZh, string> = {
  'guardianPhone.season.summer': 'summer time',
  'guardianPhone.season.other': 'winter time',
  'guardianPhone.batch.seasonNow': 'It is {season} now: these departure batches can be chosen.',
  'guardianPhone.batch.otherSeason': '{name} at {time}: {season}, from {date}',
  'guardianPhone.batch.otherSeasonHint':
    "The other season's batches follow the school's times then: when the chosen batch does not run, the child leaves in that day's latest batch.",
  'guardianPhone.leaveAlone.rule':
    "The region's rule: from {grade}, a child may leave alone when the guardian states it.",
  'guardianPhone.leaveAlone.below':
    '{name} is in {grade} and cannot leave alone: a pickup person collects them.',
  'guardianPhone.leave.notEnrolled':
    '{names}: not in after-school care this term (no approved application), so no leave is needed.',
  'guardianPhone.leave.noneEnrolled':
    'None of your children is in after-school care this term: no leave is needed.',
  'guardianPhone.policy.leaveAloneMinGrade': 'Lowest grade that may leave alone',
  'guardianPhone.policy.leaveAloneClause':
    "Not in the seeds; the platform's default is grade 3 (grades 1 and 2 are collected by a pickup person), A 3.2: safety first. 10 means no grade may leave alone.",
};
