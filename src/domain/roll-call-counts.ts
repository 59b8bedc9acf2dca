// The roll call's head-counts (F-11, A 三.5 在册的学生应当每天点名): what the teacher's bar and the
// school admin's home show for the marks in force. 实到 counts every child who came — present or
// late (`attends`, the same rule as the duty chief's figures in day-close.ts); 迟到 is shown beside it
// as the part of 实到 that came late. Pure.
import { type AttendanceMark, attends, type ChildDay, statusOf } from './child-day.js';

export interface MarkCounts {
  // 应到: every child on the list.
  expected: number;
  // 实到: present or late.
  attended: number;
  // 迟到: late (already inside `attended`).
  late: number;
  // 缺席
  absent: number;
  // 请假 (the guardian's leave counts as a 请假 mark)
  onLeave: number;
  // 未点: no mark yet.
  unmarked: number;
}

export function markCounts(marks: readonly (AttendanceMark | null)[]): MarkCounts {
  const counts: MarkCounts = { expected: 0, attended: 0, late: 0, absent: 0, onLeave: 0, unmarked: 0 };
  for (const mark of marks) {
    counts.expected++;
    if (attends(mark)) counts.attended++;
    if (mark === 'late') counts.late++;
    else if (mark === 'absent') counts.absent++;
    else if (mark === 'leave') counts.onLeave++;
    else if (mark === null) counts.unmarked++;
  }
  return counts;
}

// An open absence (A 三.5 未到时及时了解情况): marked absent and nobody has reached the guardian yet,
// whether or not the follow-up was escalated to the duty chief (escalation does not close it).
export function awaitsContact(day: ChildDay): boolean {
  const state = day.followUp?.state;
  return statusOf(day) === 'absent' && (state === 'open' || state === 'escalated');
}
