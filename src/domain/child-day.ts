// One enrolled child's service day as a state machine: roll call (F-11), absence follow-up (F-12),
// release at the gate (F-13) and extended custody (F-14), and whether the child is accounted for when
// the duty chief closes the day (F-16). Pure: the server stores the events and replays them here, so
// the same rules decide in the API, in tests and in the offline page.
//
// Clauses: A 三.5 在册的学生应当每天点名，未到时及时了解情况并做好记录 (roll call, follow-up);
// A 三.6 值日总护导 (the duty chief closes the day); C 2 弹性离校 (release in the chosen batch);
// C 延时托管 (extended custody); B 六(三) 交接班 (nobody leaves care without a record).
//
// Invariants (property-tested in child-day.property.test.ts):
// - a child is released only after a present or late mark, and at most once;
// - after the release nothing changes the day but a follow-up record;
// - a child has exactly one status at any time (`statusOf` is a function of the state);
// - the day can be closed only when every child is accounted for: settled or in custody
//   (`dayCloseProblems`); after the close only `writableAfterClose` writes are accepted.

import type { Minutes } from './dates.js';

export type AttendanceMark = 'present' | 'late' | 'absent' | 'leave';
export type ReleaseMethod = 'pickup_code' | 'listed_person' | 'alone';
export type ChildDayStatus =
  | 'expected'
  | 'present'
  | 'called'
  | 'absent'
  | 'on_leave'
  | 'in_custody'
  | 'released';

export interface MarkRecord {
  mark: AttendanceMark;
  at: string;
  by: string;
}

export interface FollowUp {
  // open: nobody has reached the guardian yet; closed: contact recorded with the reason;
  // escalated: the limit passed and the duty chief and school admin were told (still needs closing,
  // but the day may close on it — the record shows who knew what when); cancelled: the absence mark
  // was corrected.
  state: 'open' | 'closed' | 'escalated' | 'cancelled';
  openedAt: string;
  contact: { at: string; by: string; result: string; reason: string } | null;
  escalatedAt: string | null;
}

export interface Release {
  at: string;
  by: string;
  method: ReleaseMethod;
  // The authorized person the child went with; null when the child left alone.
  personId: string | null;
}

export interface ChildDay {
  // The current mark is the last of `marks`; corrections keep the earlier ones.
  marks: MarkRecord[];
  // Called to the gate: the person collecting is there (F-13 gate board: waiting → called → released).
  called: { at: string; by: string } | null;
  custody: { staffId: string; at: string; automatic: boolean } | null;
  release: Release | null;
  followUp: FollowUp | null;
}

export const NEW_CHILD_DAY: ChildDay = {
  marks: [],
  called: null,
  custody: null,
  release: null,
  followUp: null,
};

// What is known about the child for the checks: from the enrollment (F-06) and the guardian's records.
export interface ChildFacts {
  mayLeaveAlone: boolean;
  extendedCustody: boolean;
  // Ids of the authorized pickup persons in force today.
  pickupPersonIds: readonly string[];
}

export type ChildDayEvent =
  | { type: 'mark'; mark: AttendanceMark; at: string; by: string }
  | { type: 'call'; at: string; by: string }
  | { type: 'custody'; staffId: string; at: string; automatic: boolean }
  | { type: 'release'; method: ReleaseMethod; personId: string | null; at: string; by: string }
  | { type: 'contact'; at: string; by: string; result: string; reason: string }
  | { type: 'escalate'; at: string };

export type ChildDayRefusal =
  | 'already_released'
  | 'not_present'
  | 'in_custody'
  | 'alone_not_permitted'
  | 'person_not_listed'
  | 'no_custody_need'
  | 'already_in_custody'
  | 'no_open_follow_up'
  | 'already_called'
  | 'same_mark';

export const REFUSALS: Record<ChildDayRefusal, { zh: string; en: string; clause: string }> = {
  already_released: {
    zh: '该学生今天已离校，不能再更改',
    en: 'The child has already left today; this can no longer change',
    clause: 'C 2',
  },
  not_present: {
    zh: '该学生未点到（缺席或请假），不能办理离校',
    en: 'The child was not marked present, so cannot be released',
    clause: 'A 三.5',
  },
  in_custody: {
    zh: '该学生正在延时托管中，不能改为缺席或请假',
    en: 'The child is in extended custody and cannot be marked absent or on leave',
    clause: 'C 延时托管',
  },
  alone_not_permitted: {
    zh: '家长未同意该学生独自离校',
    en: 'The guardian has not permitted the child to leave alone',
    clause: 'C 2',
  },
  person_not_listed: {
    zh: '此人不在家长登记的接送人名单中',
    en: 'This person is not on the guardian’s list of authorized pickup persons',
    clause: 'C 2',
  },
  no_custody_need: {
    zh: '该学生未登记延时托管需求，且尚未超过接送宽限时间',
    en: 'The child has no extended-custody need recorded and the pickup grace time has not passed',
    clause: 'C 延时托管',
  },
  already_in_custody: {
    zh: '该学生已在延时托管中',
    en: 'The child is already in extended custody',
    clause: 'C 延时托管',
  },
  no_open_follow_up: {
    zh: '没有待跟进的缺席记录',
    en: 'There is no open absence follow-up',
    clause: 'A 三.5',
  },
  already_called: {
    zh: '该学生已被叫到门口',
    en: 'The child has already been called to the gate',
    clause: 'C 2',
  },
  same_mark: { zh: '点名结果未改变', en: 'The mark is unchanged', clause: 'A 三.5' },
};

export type Outcome = { ok: true; day: ChildDay } | { ok: false; refusal: ChildDayRefusal };

export function currentMark(day: ChildDay): AttendanceMark | null {
  return day.marks.at(-1)?.mark ?? null;
}

// A 三.5 点名: a child marked present or late (迟到) has come — counted in 实到 and in the school's care.
export function attends(mark: AttendanceMark | null): boolean {
  return mark === 'present' || mark === 'late';
}
const inCare = attends;

export function statusOf(day: ChildDay): ChildDayStatus {
  if (day.release) return 'released';
  if (day.custody) return 'in_custody';
  const mark = currentMark(day);
  if (mark === null) return 'expected';
  if (mark === 'absent') return 'absent';
  if (mark === 'leave') return 'on_leave';
  return day.called ? 'called' : 'present';
}

// Applies one event; a refusal leaves the day as it was.
export function applyEvent(day: ChildDay, event: ChildDayEvent, facts: ChildFacts): Outcome {
  if (day.release && event.type !== 'contact') return { ok: false, refusal: 'already_released' };
  switch (event.type) {
    case 'mark': {
      const previous = currentMark(day);
      if (previous === event.mark) return { ok: false, refusal: 'same_mark' };
      if ((day.custody || day.called) && !inCare(event.mark)) {
        return { ok: false, refusal: day.custody ? 'in_custody' : 'already_called' };
      }
      const marks = [...day.marks, { mark: event.mark, at: event.at, by: event.by }];
      let followUp = day.followUp;
      // A 三.5 未到时及时了解情况: an unexcused absence opens a follow-up; correcting the mark cancels
      // an open one (a recorded contact stays as it was).
      if (event.mark === 'absent' && (followUp === null || followUp.state === 'cancelled')) {
        followUp = { state: 'open', openedAt: event.at, contact: null, escalatedAt: null };
      } else if (
        event.mark !== 'absent' &&
        followUp &&
        (followUp.state === 'open' || followUp.state === 'escalated')
      ) {
        followUp = { ...followUp, state: 'cancelled' };
      }
      return { ok: true, day: { ...day, marks, followUp } };
    }
    case 'call': {
      // C 2: the child is called out in their batch once the person collecting is at the gate.
      if (!inCare(currentMark(day))) return { ok: false, refusal: 'not_present' };
      if (day.custody) return { ok: false, refusal: 'in_custody' };
      if (day.called) return { ok: false, refusal: 'already_called' };
      return { ok: true, day: { ...day, called: { at: event.at, by: event.by } } };
    }
    case 'custody': {
      if (!inCare(currentMark(day))) return { ok: false, refusal: 'not_present' };
      if (day.custody) return { ok: false, refusal: 'already_in_custody' };
      // C 延时托管: those with the need recorded, or anyone not collected by end time + grace.
      if (!facts.extendedCustody && !event.automatic) return { ok: false, refusal: 'no_custody_need' };
      return {
        ok: true,
        day: { ...day, custody: { staffId: event.staffId, at: event.at, automatic: event.automatic } },
      };
    }
    case 'release': {
      if (!inCare(currentMark(day))) return { ok: false, refusal: 'not_present' };
      if (event.method === 'alone') {
        if (!facts.mayLeaveAlone) return { ok: false, refusal: 'alone_not_permitted' };
      } else if (event.personId === null || !facts.pickupPersonIds.includes(event.personId)) {
        return { ok: false, refusal: 'person_not_listed' };
      }
      const release: Release = {
        at: event.at,
        by: event.by,
        method: event.method,
        personId: event.method === 'alone' ? null : event.personId,
      };
      return { ok: true, day: { ...day, release } };
    }
    case 'contact': {
      const followUp = day.followUp;
      if (!followUp || (followUp.state !== 'open' && followUp.state !== 'escalated')) {
        return { ok: false, refusal: 'no_open_follow_up' };
      }
      const contact = { at: event.at, by: event.by, result: event.result, reason: event.reason };
      return { ok: true, day: { ...day, followUp: { ...followUp, state: 'closed', contact } } };
    }
    case 'escalate': {
      const followUp = day.followUp;
      if (followUp?.state !== 'open') return { ok: false, refusal: 'no_open_follow_up' };
      return {
        ok: true,
        day: { ...day, followUp: { ...followUp, state: 'escalated', escalatedAt: event.at } },
      };
    }
  }
}

// Replays stored events in order; refused ones are reported and skipped (they were refused when made).
export function replay(
  events: readonly ChildDayEvent[],
  facts: ChildFacts,
): { day: ChildDay; refused: { index: number; refusal: ChildDayRefusal }[] } {
  let day = NEW_CHILD_DAY;
  const refused: { index: number; refusal: ChildDayRefusal }[] = [];
  events.forEach((event, index) => {
    const outcome = applyEvent(day, event, facts);
    if (outcome.ok) day = outcome.day;
    else refused.push({ index, refusal: outcome.refusal });
  });
  return { day, refused };
}

// An open follow-up older than the policy's limit (RegionPolicy.absenceFollowUpLimitMinutes) is due to
// escalate to the duty chief and the school admin (F-12).
export function followUpDue(day: ChildDay, now: Date, limitMinutes: number): boolean {
  const followUp = day.followUp;
  if (followUp?.state !== 'open') return false;
  return now.getTime() - new Date(followUp.openedAt).getTime() >= limitMinutes * 60_000;
}

// A child in care, not released and not in custody, when the service has ended and the grace has
// passed (RegionPolicy.pickupGraceMinutes) moves to extended custody automatically (F-14).
export function dueForCustody(day: ChildDay, now: Date, serviceEnd: Date, graceMinutes: number): boolean {
  const status = statusOf(day);
  return (
    (status === 'present' || status === 'called') &&
    now.getTime() >= serviceEnd.getTime() + graceMinutes * 60_000
  );
}

// ── where each child stands at a moment of the day (F-16) ──────────────────────────────────────────
//
// The duty chief's page and the close ask one question of every child: is their day over, and if
// not, does somebody know where the child is? Children in a group during the service are accounted
// for; "unknown" (去向未明) is only a child whose state nobody knows.

// The moments of the day the classification depends on (instants; the request's clock gives `now`).
export interface DayMoment {
  now: Date;
  // A 三.5 在册的学生应当每天点名: once it has passed, a child without a mark is unknown (`rollCallDue`).
  rollCallDue: Date;
  // B 二: the end of the service. After it a child still in care needs a custody decision (C 延时托管).
  serviceEnd: Date;
}

export type ChildStanding =
  // The day is over for the child (F-16 end states):
  | 'left' // released at the gate, whether after custody or not
  | 'not_attending' // on leave, or absent with the guardian reached or the absence escalated on record
  // Known, not over yet:
  | 'awaiting_roll_call' // no mark yet, before the roll-call deadline
  | 'in_school' // present or called to the gate, until the end time: 在校待离校
  | 'in_custody' // in extended custody with a named staff member, to be collected (C 延时托管)
  // Unknown (去向未明):
  | 'no_mark' // no mark after the roll-call deadline
  | 'absence_not_followed_up' // absent, nobody has reached the guardian yet (A 三.5 及时了解情况)
  | 'no_custody_decision'; // still in care after the end time, not placed in custody

export type UnknownReason = Extract<
  ChildStanding,
  'no_mark' | 'absence_not_followed_up' | 'no_custody_decision'
>;
export type OpenStanding = Exclude<ChildStanding, 'left' | 'not_attending'>;

export const UNKNOWN_REASONS: readonly UnknownReason[] = [
  'no_mark',
  'absence_not_followed_up',
  'no_custody_decision',
];

export function isUnknown(standing: ChildStanding): standing is UnknownReason {
  return (UNKNOWN_REASONS as readonly ChildStanding[]).includes(standing);
}

// The child's day has reached one of F-16's end states: nothing more is expected of anyone.
export function isSettled(standing: ChildStanding): boolean {
  return standing === 'left' || standing === 'not_attending';
}

// The classification. The boundaries: at the roll-call deadline itself a child without a mark is still
// awaited, after it unknown; at the end time itself a child in care is still in school (the duty chief
// may move them to custody from that minute), after it unknown until placed in custody.
export function standingOf(day: ChildDay, moment: DayMoment): ChildStanding {
  const now = moment.now.getTime();
  switch (statusOf(day)) {
    case 'released':
      return 'left';
    case 'on_leave':
      return 'not_attending';
    case 'absent': {
      const state = day.followUp?.state;
      return state === 'closed' || state === 'escalated' ? 'not_attending' : 'absence_not_followed_up';
    }
    case 'expected':
      return now > moment.rollCallDue.getTime() ? 'no_mark' : 'awaiting_roll_call';
    case 'present':
    case 'called':
      return now > moment.serviceEnd.getTime() ? 'no_custody_decision' : 'in_school';
    case 'in_custody':
      return 'in_custody';
  }
}

// The roll-call deadline of a day, in minutes since midnight: the roll call is taken when the first
// session starts (A 三.5 每天点名); a child still without a mark once the policy's follow-up limit
// (RegionPolicy.absenceFollowUpLimitMinutes, the same 及时 as for an absence) has passed since is
// unknown. Never later than the end time; a day without sessions: the end time.
export function rollCallDueMinutes(
  firstSessionStart: Minutes | null,
  endTime: Minutes,
  limitMinutes: number,
): Minutes {
  if (firstSessionStart === null) return endTime;
  return Math.min(firstSessionStart + limitMinutes, endTime);
}

// Where a child keeps the duty chief from closing the day: known but not yet handed over (awaiting the
// roll call, in school before the end time) or unknown (去向未明). A child in extended custody does not:
// a named staff member has them (C 延时托管：对有特殊需要的学生提供延时托管服务), and the custody goes on
// after the close until the guardian comes (`writableAfterClose`).
export type CloseBlockingStanding = Exclude<OpenStanding, 'in_custody'>;

// The close needs only that every child is accounted for (A 三.6 值日总护导; issue 14.3): settled, or in
// custody with a named staff member.
export function blocksClose(standing: ChildStanding): standing is CloseBlockingStanding {
  return !isSettled(standing) && standing !== 'in_custody';
}

// F-16: the duty chief closes the day when no child is unknown and none is still waiting for the roll
// call or in school before the end time; children in custody do not keep it open. Those that do are
// listed with where they stand. After the end time (the roll-call deadline is never later) only
// unknown children can be listed: the close needs only that no child is unknown.
export function dayCloseProblems(
  children: readonly { childId: string; day: ChildDay }[],
  moment: DayMoment,
): { childId: string; standing: CloseBlockingStanding }[] {
  const problems: { childId: string; standing: CloseBlockingStanding }[] = [];
  for (const { childId, day } of children) {
    const standing = standingOf(day, moment);
    if (blocksClose(standing)) problems.push({ childId, standing });
  }
  return problems;
}

// F-16 after the close: the day's record is fixed, but two writes are still accepted, because what
// they record goes on after it —
// - the release of a child in extended custody (C 延时托管): the custody continues after the duty
//   chief's close, and the guardian collects the child at the gate (pickup code, listed person with
//   the identity check, or alone where permitted);
// - a late follow-up contact of an absence (A 三.5 及时了解情况: reaching the family may take longer
//   than the day).
// Everything else — a mark, a call, a new custody, the release of a child who was not in custody, an
// escalation — is refused (DAY_CLOSED). `status` is the child's status read under the child's lock.
export function writableAfterClose(kind: ChildDayEvent['type'], status: ChildDayStatus): boolean {
  switch (kind) {
    case 'release':
      return status === 'in_custody';
    case 'contact':
      return true;
    case 'mark':
    case 'call':
    case 'custody':
    case 'escalate':
      return false;
  }
}

// C 延时托管 at the end of the service: the duty chief hands every child still in care (present or
// called, not released, not in custody) to one named staff member in one action — from the end time
// on, without waiting for the pickup grace the automatic move waits for (`dueForCustody` with no grace).
export function endOfServiceCustody<T extends { day: ChildDay }>(
  children: readonly T[],
  now: Date,
  serviceEnd: Date,
): { ok: true; due: T[] } | { ok: false; refusal: 'before_end' } {
  if (now.getTime() < serviceEnd.getTime()) return { ok: false, refusal: 'before_end' };
  return { ok: true, due: children.filter((c) => dueForCustody(c.day, now, serviceEnd, 0)) };
}
