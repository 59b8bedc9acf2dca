// The problems of a grouping against the term's setting: the domain's checks (validateGrouping), the
// over-quota notes (B 五(三)), every child, person, venue and group named as people read them.
import { type GroupingDay, type GroupingProblem, validateGrouping } from '../../../domain/grouping.js';
import { overQuota } from '../../../domain/grouping-rules.js';
import {
  type GroupingSetting,
  groupingChildren,
  groupingStaff,
  groupingVenues,
  nameProblems,
} from './grouping-setting.js';
import { type GroupDraft, quotaDays } from './grouping-view.js';

export function checkGrouping(
  setting: GroupingSetting,
  groups: GroupDraft[],
  managerDays: GroupingDay[],
): GroupingProblem[] {
  const problems = validateGrouping(
    {
      groups: groups.map((g) => ({
        id: g.key,
        weekday: g.weekday,
        grades: g.grades,
        venueId: g.venueId,
        teacherId: g.teacherStaffId,
        childIds: g.enrollmentIds,
      })),
      days: managerDays,
    },
    {
      children: groupingChildren(setting),
      venues: groupingVenues(setting),
      staff: groupingStaff(setting),
      ratios: setting.ratios,
    },
  );
  for (const day of quotaDays(setting, groups, managerDays)) {
    const note = overQuota(day);
    if (note) problems.push(note);
  }
  return nameProblems(problems, setting, new Map(groups.map((g) => [g.key, g.name])));
}
