import { proposeGroups } from '../../../domain/grouping.js';
import { proposedGroupNames } from '../../../domain/grouping-rules.js';
import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import { loadSchool } from '../plans/plan-setting.js';
import { checkGrouping } from './check-grouping.js';
import {
  groupingChildren,
  groupingStaff,
  groupingVenues,
  loadGroupingSetting,
  loadManagerDays,
  nameProblems,
  schoolTerm,
} from './grouping-setting.js';
import { type GroupDraft, groupingView } from './grouping-view.js';
import type { GroupingView, ProposalBody } from './schemas.js';

// F-08 自动编班: a proposal for the term from the enrollments live now, the approved plan's venues and
// the staff with a current letter (A 三.1). Nothing is saved; the admin edits it and saves it whole.
export async function proposeGrouping(
  ctx: ActorContext,
  options: { schoolId: string; termId: string } & ProposalBody,
): Promise<GroupingView> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'grouping.write', { regionPath: school.regionPath, schoolId: school.schoolId });
  const term = await schoolTerm(ctx.db, school, options.termId);
  const setting = await loadGroupingSetting(ctx, school, term);
  const proposal = proposeGroups({
    children: groupingChildren(setting),
    venues: groupingVenues(setting),
    staff: groupingStaff(setting),
    ratios: setting.ratios,
    options: {
      ...(options.gradeBands ? { gradeBands: options.gradeBands } : {}),
      ...(options.maxGroupSize ? { maxGroupSize: options.maxGroupSize } : {}),
    },
  });
  const names = proposedGroupNames(proposal.groups);
  const groups: GroupDraft[] = proposal.groups.map((g) => ({
    id: null,
    key: g.id,
    weekday: g.weekday,
    name: names.get(g.id) ?? g.id,
    grades: g.grades,
    venueId: g.venueId,
    teacherStaffId: g.teacherId,
    enrollmentIds: g.childIds,
  }));
  // Managers come from the duty rota (F-10), as for the saved grouping, so the quota reads the same
  // before and after saving; children the algorithm could not place keep its reason.
  const managerDays = await loadManagerDays(ctx.db, school.schoolId, term.termId);
  const unplaced = nameProblems(
    proposal.problems.filter((p) => p.code === 'child_unplaced'),
    setting,
    names,
  );
  const unplacedIds = new Set(unplaced.map((p) => `${p.weekday}:${p.childId}`));
  const problems = [
    ...unplaced,
    ...checkGrouping(setting, groups, managerDays).filter(
      (p) => !(p.code === 'child_missing' && unplacedIds.has(`${p.weekday}:${p.childId}`)),
    ),
  ];
  return groupingView(setting, { groups, managerDays, problems, saved: false, scope: 'school' });
}
