import type { Db } from '../../../db/connect.js';
import type { ActorContext } from '../../context.js';
import { authorize } from '../../policies/authorize.js';
import type { Actor } from '../../policies/policy.js';
import { can } from '../../policies/policy.js';
import { loadSchool, type SchoolRecord } from '../plans/plan-setting.js';
import { checkGrouping } from './check-grouping.js';
import {
  type GroupingSetting,
  loadGroupingSetting,
  loadManagerDays,
  loadStoredGroups,
  schoolTerm,
} from './grouping-setting.js';
import { type GroupDraft, groupingView } from './grouping-view.js';
import type { GroupingView } from './schemas.js';

// Those who may list every child of the school (school admin, duty chief) read the whole grouping and
// roster; a care teacher only the groups they lead (A 三.1 看护人员对被看护学生承担安全直接责任).
export function readsWholeSchool(actor: Actor, school: SchoolRecord): boolean {
  return can(actor, 'student.list', { regionPath: school.regionPath, schoolId: school.schoolId });
}

// The staff ids an actor leads groups as (their staff record at the school).
export function ownStaffIds(actor: Actor, setting: Pick<GroupingSetting, 'staff'>): Set<string> {
  return new Set(setting.staff.filter((s) => s.userId === actor.userId && !s.archived).map((s) => s.staffId));
}

export async function storedDrafts(db: Db, schoolId: string, termId: string): Promise<GroupDraft[]> {
  return (await loadStoredGroups(db, schoolId, termId)).map((g) => ({
    id: g.groupId,
    key: g.groupId,
    weekday: g.weekday,
    name: g.name,
    grades: g.grades,
    venueId: g.venueId,
    teacherStaffId: g.teacherStaffId,
    enrollmentIds: g.enrollmentIds,
  }));
}

// The saved grouping with its problems recomputed against today's enrollments and staff: a child who
// has withdrawn since, a teacher whose letter has run out, are reported by name.
export async function getGrouping(
  ctx: ActorContext,
  options: { schoolId: string; termId: string },
): Promise<GroupingView> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'grouping.read', { regionPath: school.regionPath, schoolId: school.schoolId });
  const term = await schoolTerm(ctx.db, school, options.termId);
  const setting = await loadGroupingSetting(ctx, school, term);
  const groups = await storedDrafts(ctx.db, school.schoolId, term.termId);
  const managerDays = await loadManagerDays(ctx.db, school.schoolId, term.termId);
  const problems = checkGrouping(setting, groups, managerDays);
  if (readsWholeSchool(ctx.actor, school))
    return groupingView(setting, {
      groups,
      managerDays,
      problems,
      saved: groups.length > 0,
      scope: 'school',
    });
  const mine = ownStaffIds(ctx.actor, setting);
  const own = groups.filter((g) => g.teacherStaffId !== null && mine.has(g.teacherStaffId));
  const ownKeys = new Set(own.map((g) => g.key));
  return groupingView(setting, {
    groups: own,
    managerDays,
    problems: problems.filter((p) => p.groupId !== undefined && ownKeys.has(p.groupId)),
    saved: groups.length > 0,
    scope: 'own_groups',
  });
}
