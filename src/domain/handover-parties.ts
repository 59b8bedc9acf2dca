// Who hands over to whom (F-15, B 六(三) 制定并落实严格的考勤、监管、交接班制度), as the form proposes
// it from the day's people: the group's care teacher (the saved grouping, F-08) and the day's duty
// chief (the rota, A 三.6 值日总护导). Pure; the person recording can still change either name.
//
// - start (班主任 → 看护老师): the class teachers hand over — several, not in the rota, so left to
//   fill in — to the group's care teacher; for the whole school, to the duty chief.
// - end (看护老师 → 值日总护导): the group's care teacher hands the children still in care to the duty
//   chief; for the whole school, the groups' teachers (several, left to fill in) to the duty chief.
import type { HandoverStage } from './day-close.js';

export interface HandoverParties {
  from: string | null;
  to: string | null;
}

export function handoverParties(
  stage: HandoverStage,
  people: { groupTeacher: string | null; dutyChief: string | null; wholeSchool: boolean },
): HandoverParties {
  if (people.wholeSchool) return { from: null, to: people.dutyChief };
  if (stage === 'start') return { from: null, to: people.groupTeacher };
  return { from: people.groupTeacher, to: people.dutyChief };
}
