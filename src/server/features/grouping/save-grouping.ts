import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { groupMembers, serviceGroups } from '../../../db/schema.js';
import type { Weekday } from '../../../domain/dates.js';
import { blockingProblems } from '../../../domain/grouping-rules.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { loadSchool } from '../plans/plan-setting.js';
import { checkGrouping } from './check-grouping.js';
import { storedDrafts } from './get-grouping.js';
import { loadGroupingSetting, loadManagerDays, schoolTerm } from './grouping-setting.js';
import { type GroupDraft, groupingView } from './grouping-view.js';
import type { GroupingView, SaveGroupingBody } from './schemas.js';

const MEMBER_CHUNK = 2000;

// F-08: saves the whole grouping of a term, replacing its groups and members in one transaction. A
// group the client names by id keeps it (so the rota and the roll call keep pointing at it); a group
// not sent is removed. Refused, with nothing saved, when a child is not enrolled (withdrawn or
// unknown), does not attend that weekday or is in two groups; a venue is unknown, too small or given
// twice (A 三.4); a teacher has no current letter (A 三.1), is away that day or leads two groups.
export async function saveGrouping(
  ctx: ActorContext,
  options: { schoolId: string; termId: string } & SaveGroupingBody,
): Promise<GroupingView> {
  const school = await loadSchool(ctx.db, options.schoolId);
  authorize(ctx.actor, 'grouping.write', { regionPath: school.regionPath, schoolId: school.schoolId });
  const term = await schoolTerm(ctx.db, school, options.termId);
  const setting = await loadGroupingSetting(ctx, school, term);
  const stored = new Set((await storedDrafts(ctx.db, school.schoolId, term.termId)).map((g) => g.key));

  const fields: FieldProblem[] = [];
  const field = (path: string, zh: string, en: string) => fields.push({ path, message: `${zh} / ${en}` });
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  const served = new Set<number>(setting.plan.weekdays);
  options.groups.forEach((g, i) => {
    if (g.id !== undefined) {
      if (seenIds.has(g.id)) field(`body.groups.${i}.id`, '班组重复提交', 'The group is sent twice');
      else if (!stored.has(g.id))
        field(`body.groups.${i}.id`, '本学期没有这个班组', 'The term has no group with this id');
      seenIds.add(g.id);
    }
    const nameKey = `${g.weekday}:${g.name}`;
    if (seenNames.has(nameKey))
      field(
        `body.groups.${i}.name`,
        `同一天已有班组「${g.name}」`,
        `Another group that day is named “${g.name}”`,
      );
    seenNames.add(nameKey);
    if (!served.has(g.weekday))
      field(
        `body.groups.${i}.weekday`,
        '已审定的方案当天不提供服务',
        'The approved plan does not serve that weekday',
      );
  });
  if (fields.length > 0) {
    const names = [...new Set(fields.map((f) => f.path))].join(', ');
    throw new AppError('VALIDATION_FAILED', {
      zh: `提交的数据有误：${names}`,
      en: `The request is not valid: ${names}`,
      details: { fields },
    });
  }

  const groups: GroupDraft[] = options.groups.map((g) => {
    const id = g.id ?? crypto.randomUUID();
    const grades =
      g.grades.length > 0
        ? [...new Set(g.grades)].sort((a, b) => a - b)
        : [
            ...new Set(
              g.enrollmentIds.flatMap((e) => {
                const c = setting.enrollments.get(e);
                return c ? [c.grade] : [];
              }),
            ),
          ].sort((a, b) => a - b);
    return {
      id,
      key: id,
      weekday: g.weekday as Weekday,
      name: g.name,
      grades,
      venueId: g.venueId,
      teacherStaffId: g.teacherStaffId,
      enrollmentIds: g.enrollmentIds,
    };
  });
  const managerDays = await loadManagerDays(ctx.db, school.schoolId, term.termId);
  const problems = checkGrouping(setting, groups, managerDays);
  const blocking = blockingProblems(problems);
  if (blocking.length > 0) {
    const index = new Map(groups.map((g, i) => [g.key, i]));
    throw new AppError('GROUPING_INVALID', {
      details: {
        problems: blocking,
        fields: blocking.map((p) => ({
          path: p.groupId !== undefined ? `body.groups.${index.get(p.groupId)}` : 'body.groups',
          message: `${p.message.zh} / ${p.message.en}`,
        })),
      },
    });
  }

  const now = ctx.clock.now();
  const kept = groups.flatMap((g) => (g.id && stored.has(g.id) ? [g.id] : []));
  await ctx.db.transaction(async (tx) => {
    const inTerm = and(eq(serviceGroups.schoolId, school.schoolId), eq(serviceGroups.termId, term.termId));
    // One save of a term's grouping at a time; a group another save removed meanwhile is refused.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`grouping:${school.schoolId}:${term.termId}`}))`,
    );
    const still = new Set(
      (await tx.select({ id: serviceGroups.groupId }).from(serviceGroups).where(inTerm)).map((r) => r.id),
    );
    const gone = kept.filter((id) => !still.has(id));
    if (gone.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        zh: '编班在您打开后已被修改，请刷新后再保存',
        en: 'The grouping has changed since you opened it; reload it and save again',
        details: {
          fields: gone.map((id) => ({
            path: `body.groups.${groups.findIndex((g) => g.key === id)}.id`,
            message: '本学期没有这个班组 / The term has no group with this id',
          })),
        },
      });
    await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.schoolId, school.schoolId), eq(groupMembers.termId, term.termId)));
    await tx
      .delete(serviceGroups)
      .where(kept.length > 0 ? and(inTerm, notInArray(serviceGroups.groupId, kept)) : inTerm);
    if (kept.length > 0)
      // Names are unique per weekday: move the kept groups out of the way before renaming them, so
      // two groups may swap names in one save.
      await tx
        .update(serviceGroups)
        .set({ name: sql`'~' || ${serviceGroups.groupId}::text` })
        .where(and(inTerm, inArray(serviceGroups.groupId, kept)));
    const keptSet = new Set(kept);
    for (const g of groups) {
      const values = {
        weekday: g.weekday,
        name: g.name,
        grades: g.grades,
        venueId: g.venueId,
        teacherStaffId: g.teacherStaffId,
      };
      if (keptSet.has(g.key))
        await tx
          .update(serviceGroups)
          .set(values)
          .where(and(eq(serviceGroups.schoolId, school.schoolId), eq(serviceGroups.groupId, g.key)));
    }
    const fresh = groups.filter((g) => !keptSet.has(g.key));
    if (fresh.length > 0)
      await tx.insert(serviceGroups).values(
        fresh.map((g) => ({
          schoolId: school.schoolId,
          groupId: g.key,
          termId: term.termId,
          weekday: g.weekday,
          name: g.name,
          grades: g.grades,
          venueId: g.venueId,
          teacherStaffId: g.teacherStaffId,
        })),
      );
    const members = groups.flatMap((g) =>
      g.enrollmentIds.map((enrollmentId) => ({
        schoolId: school.schoolId,
        groupId: g.key,
        enrollmentId,
        termId: term.termId,
        weekday: g.weekday,
      })),
    );
    for (let i = 0; i < members.length; i += MEMBER_CHUNK)
      await tx.insert(groupMembers).values(members.slice(i, i + MEMBER_CHUNK));
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'grouping.save',
      objectType: 'grouping',
      objectId: term.termId,
      schoolId: school.schoolId,
      regionId: school.regionId,
      at: now,
      details: {
        groups: groups.length,
        members: members.length,
        kept: kept.length,
        removed: stored.size - kept.length,
      },
    });
  });
  return groupingView(setting, {
    groups,
    managerDays,
    problems,
    saved: groups.length > 0,
    scope: 'school',
  });
}
