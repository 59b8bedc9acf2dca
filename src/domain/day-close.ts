// The head-counts of a service day: what a handover expects (F-15, B 六(三) 交接班) and the day's
// figures the duty chief reads and keeps when closing the day (F-16, A 三.6 值日总护导). Pure: the
// server replays each child's day with `child-day.ts` and counts here, so the handover form, the day
// view and the closure's stored summary use one rule.
import {
  attends,
  type ChildDay,
  currentMark,
  type DayMoment,
  isUnknown,
  standingOf,
  statusOf,
} from './child-day.js';

export type HandoverStage = 'start' | 'end';

// Who is handed over, counted from the day as it stands when the handover is recorded:
// - start (class teacher → care staff): every child of the group who came or is still expected — the
//   current mark is present or late, or there is no mark yet. Absent and on leave (the guardian's
//   leave counts as a 请假 mark) are not handed over. A child marked present and since released or
//   in custody still counts: the start count is about who arrived, whenever it is recorded.
// - end (care staff → duty chief or extended custody): every child not yet released who is in the
//   school's care — present, called to the gate, or in extended custody (the custody staff take them
//   over in this handover). Released, absent and on-leave children are not counted.
export function inHandover(stage: HandoverStage, day: ChildDay): boolean {
  if (stage === 'start') {
    const mark = currentMark(day);
    return mark === null || attends(mark);
  }
  const status = statusOf(day);
  return status === 'present' || status === 'called' || status === 'in_custody';
}

export function handoverExpectedCount(stage: HandoverStage, days: readonly ChildDay[]): number {
  return days.filter((day) => inHandover(stage, day)).length;
}

// A count that differs from the expected one is accepted only with the discrepancy written down
// (B 六(三) 交接班: nobody leaves care without a record). Returns the refusal, or null.
export function handoverCountProblem(handover: {
  expectedCount: number;
  countedCount: number;
  discrepancies: string | null | undefined;
}): 'discrepancy_required' | null {
  if (handover.countedCount === handover.expectedCount) return null;
  return handover.discrepancies && handover.discrepancies.trim() !== '' ? null : 'discrepancy_required';
}

// The day's figures (the duty chief's tiles, kept in `day_closures.summary`), at a moment of the day:
// enrolled 应到 (every enrolled child of the day); attended 实到 (current mark present or late, whatever
// happened since); absent 缺席; onLeave 请假; released 已离校; custody 延时托管 (taken into extended
// custody today, released since or not); inCare 在校 (present or called, not released); unmarked 未确认
// (no mark yet); and where the children stand (`standingOf`): awaitingRollCall (no mark, before the
// roll-call deadline), inSchool 在校待离校 (in care up to the end time), inCustody (in custody now, to
// be collected), unaccounted 去向未明 (nobody knows the child's state).
export interface DayCounts {
  enrolled: number;
  attended: number;
  absent: number;
  onLeave: number;
  released: number;
  custody: number;
  inCare: number;
  unmarked: number;
  awaitingRollCall: number;
  inSchool: number;
  inCustody: number;
  unaccounted: number;
}

export const EMPTY_COUNTS: DayCounts = {
  enrolled: 0,
  attended: 0,
  absent: 0,
  onLeave: 0,
  released: 0,
  custody: 0,
  inCare: 0,
  unmarked: 0,
  awaitingRollCall: 0,
  inSchool: 0,
  inCustody: 0,
  unaccounted: 0,
};

export function dayCounts(days: readonly ChildDay[], moment: DayMoment): DayCounts {
  const counts = { ...EMPTY_COUNTS };
  for (const day of days) {
    counts.enrolled++;
    const mark = currentMark(day);
    if (attends(mark)) counts.attended++;
    const status = statusOf(day);
    if (status === 'absent') counts.absent++;
    if (status === 'on_leave') counts.onLeave++;
    if (status === 'released') counts.released++;
    if (status === 'present' || status === 'called') counts.inCare++;
    if (status === 'expected') counts.unmarked++;
    if (day.custody) counts.custody++;
    const standing = standingOf(day, moment);
    if (standing === 'awaiting_roll_call') counts.awaitingRollCall++;
    if (standing === 'in_school') counts.inSchool++;
    if (standing === 'in_custody') counts.inCustody++;
    if (isUnknown(standing)) counts.unaccounted++;
  }
  return counts;
}

// The children in extended custody at a moment, per staff member keeping them (C 延时托管), the most
// first (then by staff id, so the record is stable). The close keeps it in its summary: who had how
// many children when the duty chief closed the day and the custody went on.
export interface CustodyByStaff {
  staffId: string;
  count: number;
}

export function custodyByStaff(days: readonly ChildDay[]): CustodyByStaff[] {
  const counts = new Map<string, number>();
  for (const day of days) {
    if (statusOf(day) !== 'in_custody' || !day.custody) continue;
    counts.set(day.custody.staffId, (counts.get(day.custody.staffId) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([staffId, count]) => ({ staffId, count }))
    .sort((a, b) => b.count - a.count || a.staffId.localeCompare(b.staffId));
}

// What `day_closures.summary` keeps: the figures at the close and, since issue 14.3, the children still
// in custody per staff member with the name as it was (absent from closures stored before).
export type StoredDaySummary = Partial<DayCounts> & {
  custodyByStaff?: (CustodyByStaff & { staffName: string | null })[];
};
