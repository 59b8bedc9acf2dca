// The public notice of a school's after-school service for a term (服务公示, F-05). B 五(一): 学校向家长
// 公示提供课后延时服务的项目、内容、方式等情况. Built from the plan as approved (frozen in each notice
// version), for anyone without login: it names places and people by name only, never by the plan's
// internal ids, and leaves out what is internal to the school (responsibility letters, inspection
// records, policy numbers, expected head-counts, which child is in which group).
//
// Who is in charge follows in-charge.ts: the groups and leaders of the saved grouping, the duty chief
// and managers of the saved rota, read when the notice is read; the plan's own groups and staff until
// they are saved. Parents are told the people who actually have their children.

import type { IsoDate, Weekday } from './dates.js';
import { type InCharge, inCharge, leadersAt, type SavedArrangement } from './in-charge.js';
import { INSURANCE_KINDS, type InsuranceKind, type StaffRole, type TermPlan } from './plan.js';
import { ACTIVITY_CATEGORIES, SESSION_KINDS, type Season } from './policy.js';

type Text = { zh: string; en: string };

export const WEEKDAY_NAMES: Record<Weekday, Text> = {
  1: { zh: '星期一', en: 'Monday' },
  2: { zh: '星期二', en: 'Tuesday' },
  3: { zh: '星期三', en: 'Wednesday' },
  4: { zh: '星期四', en: 'Thursday' },
  5: { zh: '星期五', en: 'Friday' },
  6: { zh: '星期六', en: 'Saturday' },
  7: { zh: '星期日', en: 'Sunday' },
};

const STAFF_ROLES: Record<StaffRole | 'duty_chief', Text> = {
  teacher: { zh: '教师', en: 'Teacher' },
  manager: { zh: '管理人员', en: 'Manager' },
  duty_chief: { zh: '值日总护导', en: 'Duty chief' },
};

// B 四(二) 公益惠民原则: 课后延时服务坚持公益性、非盈利性原则，由市政府统一购买课后延时服务. The seeds'
// default; a region that charges (F-31) will say so in its own statement.
export const FEE_STATEMENT = {
  free: true,
  text: {
    zh: '免费。课后延时服务坚持公益性、非营利性原则，由政府统一购买，家长无需缴纳任何费用。',
    en: 'Free of charge. The service is public-benefit and non-profit: the government purchases it, and families pay nothing.',
  },
  clause: 'B 四(二)',
} as const;

// B 四(一) 自愿参加原则: 课后延时服务以家长自愿报名、学生自主参加为前提，严禁以任何方式强制或变相强制
// 学生参加; B 五(二) 有需求的学生家长根据学校相关规定自愿提出申请，并办理报名手续. Withdrawal (F-06):
// at any time, from the next service day.
export const APPLICATION_TEXT = {
  apply: {
    zh: '家长自愿报名、学生自主参加，学校不以任何方式强制或变相强制参加。有需要的家长可在本平台或向班主任提出申请，选择参加的日子和离校批次，学校审核后告知结果。',
    en: 'Taking part is voluntary: guardians apply if they wish, and no child is made to attend. Apply on this platform or through the class teacher, choosing the days and the departure batch; the school reviews the application and tells you the result.',
  },
  withdraw: {
    zh: '家长可随时申请退出，自下一个服务日起生效。',
    en: 'Guardians may withdraw at any time; the withdrawal takes effect from the next service day.',
  },
  clause: 'B 四(一), B 五(二)',
} as const;

export interface NoticeSource {
  school: { code: string; name: string; address: string | null; phone: string | null };
  term: {
    code: string;
    name: string;
    firstDay: IsoDate;
    lastDay: IsoDate;
    // B 六(五) 课后服务统一启动时间.
    unifiedStartDate: IsoDate | null;
  };
  plan: TermPlan;
  // The policy's summer-time dates, which pick the end time of a day (B 二); null when unknown.
  summerSeason: { from: string; to: string } | null;
  version: number;
  publishedAt: string;
  // The grouping and rota the school has saved for the term (in-charge.ts); null or empty: none yet.
  arrangement?: SavedArrangement | null;
}

export interface NoticeSession {
  start: string;
  end: string;
  activity: string;
  category: Text;
  kind: Text;
  venue: string | null;
  staff: string[];
}

export interface PublicNotice {
  school: { code: string; name: string; address: string | null; phone: string | null };
  term: { code: string; name: string; firstDay: IsoDate; lastDay: IsoDate; startsOn: IsoDate | null };
  version: number;
  publishedAt: string;
  grades: number[];
  // 服务项目: the kinds of activity offered, with the activities of each.
  serviceItems: { category: string; label: Text; activities: string[] }[];
  // 服务内容与时间: what runs on each weekday the plan serves.
  schedule: { weekday: Weekday; label: Text; sessions: NoticeSession[] }[];
  endTimes: Record<Season, string>;
  summerSeason: { from: string; to: string } | null;
  // 弹性离校 (C 2).
  departureBatches: { name: string; time: string; seasons: Season[] }[];
  venues: { name: string }[];
  // Names and roles only: the people in charge (in-charge.ts), else the plan's staff.
  staff: { name: string; role: Text }[];
  // 班组与负责人: each weekday's groups with their venue and leader, its duty chief and managers.
  inCharge: InCharge;
  // B 六(三) 校方责任保险和学生意外伤害保险: that the children are covered, by whom and when.
  insurance: { kind: Text; insurer: string; coverFrom: IsoDate; coverTo: IsoDate }[];
  // A 四 联系方式: 1.校长办公室电话, and the school's emergency contacts.
  contacts: { principalOfficePhone: string; emergency: { name: string; role: string; phone: string }[] };
  fees: { free: boolean; text: Text; clause: string };
  application: { apply: Text; withdraw: Text; clause: string };
}

const byTime = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  a.start.localeCompare(b.start) || a.end.localeCompare(b.end);

function label<K extends string>(table: Record<K, Text>, key: string): Text {
  return (table as Record<string, Text>)[key] ?? { zh: key, en: key };
}

// Names of the people in charge, each once, with the role they hold: the group teachers (of the saved
// grouping, else the plan's teachers), then the duty chiefs and managers (of the saved rota, else the
// plan's managers).
function peopleInCharge(plan: TermPlan, charge: InCharge): { name: string; role: Text }[] {
  const out = new Map<string, { name: string; role: Text }>();
  const put = (name: string | null, role: keyof typeof STAFF_ROLES) => {
    if (name !== null && !out.has(name)) out.set(name, { name, role: STAFF_ROLES[role] });
  };
  const planned = (role: StaffRole) => {
    for (const p of plan.staff) if (p.role === role) put(p.name, role);
  };
  if (charge.groupsFrom === 'grouping')
    for (const day of charge.days) for (const g of day.groups) put(g.leader, 'teacher');
  else planned('teacher');
  if (charge.rotaSaved) {
    for (const day of charge.days) put(day.dutyChief, 'duty_chief');
    for (const day of charge.days) for (const m of day.managers) put(m, 'manager');
  } else planned('manager');
  return [...out.values()];
}

export function publicNotice(source: NoticeSource): PublicNotice {
  const { plan } = source;
  const saved = source.arrangement ?? null;
  const venueName = new Map(plan.venues.map((v) => [v.id, v.name]));
  const staffName = new Map(plan.staff.map((p) => [p.id, p.name]));
  const served = [...new Set(plan.weekdays)].sort((a, b) => a - b);
  const charge = inCharge(plan, saved);

  const schedule = served.map((weekday) => ({
    weekday,
    label: WEEKDAY_NAMES[weekday],
    sessions: plan.timetable
      .filter((s) => s.weekdays === undefined || s.weekdays.includes(weekday))
      .sort(byTime)
      .map((s) => ({
        start: s.start,
        end: s.end,
        activity: s.activity,
        category: label(ACTIVITY_CATEGORIES, s.category),
        kind: label(SESSION_KINDS, s.kind),
        venue: venueName.get(s.venueId) ?? null,
        // Once a grouping is saved, the leaders of that day's groups in the session's venue.
        staff:
          leadersAt(saved, weekday, s.venueId) ??
          s.staffIds.map((id) => staffName.get(id)).filter((n): n is string => n !== undefined),
      })),
  }));

  const items = new Map<string, Set<string>>();
  for (const s of [...plan.timetable].sort(byTime)) {
    const set = items.get(s.category) ?? new Set<string>();
    set.add(s.activity);
    items.set(s.category, set);
  }

  return {
    school: { ...source.school },
    term: {
      code: source.term.code,
      name: source.term.name,
      firstDay: source.term.firstDay,
      lastDay: source.term.lastDay,
      // 服务开始日期: the plan's own, else the unified start date (B 六(五)).
      startsOn: plan.startsOn ?? source.term.unifiedStartDate,
    },
    version: source.version,
    publishedAt: source.publishedAt,
    grades: [...plan.grades].sort((a, b) => a - b),
    serviceItems: [...items].map(([category, activities]) => ({
      category,
      label: label(ACTIVITY_CATEGORIES, category),
      activities: [...activities],
    })),
    schedule,
    endTimes: { ...plan.endTimes },
    summerSeason: source.summerSeason,
    departureBatches: [...plan.departureBatches]
      .sort((a, b) => a.time.localeCompare(b.time))
      .map((b) => ({ name: b.name, time: b.time, seasons: b.seasons ?? ['summer', 'other'] })),
    venues: plan.venues.map((v) => ({ name: v.name })),
    staff: peopleInCharge(plan, charge),
    inCharge: charge,
    insurance: plan.insurance.map((p) => ({
      kind: label(INSURANCE_KINDS as Record<InsuranceKind, Text>, p.kind),
      insurer: p.insurer,
      coverFrom: p.coverFrom,
      coverTo: p.coverTo,
    })),
    contacts: {
      principalOfficePhone: plan.principalOfficePhone,
      emergency: plan.emergencyContacts.map((c) => ({ name: c.name, role: c.role, phone: c.phone })),
    },
    fees: { free: FEE_STATEMENT.free, text: { ...FEE_STATEMENT.text }, clause: FEE_STATEMENT.clause },
    application: {
      apply: { ...APPLICATION_TEXT.apply },
      withdraw: { ...APPLICATION_TEXT.withdraw },
      clause: APPLICATION_TEXT.clause,
    },
  };
}
