// F-08 编班: the proposal on live enrollments, the saved grouping and its checks, and bad input that
// leaves nothing half-saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildPlan, buildSchool, buildTerm } from '../../../../test/factories.js';
import type { GroupingView } from './schemas.js';
import { buildGroupingWorld, type GroupingWorld } from './test-fixture.js';

type SaveGroup = {
  id?: string;
  weekday: number;
  name: string;
  grades: number[];
  venueId: string | null;
  teacherStaffId: string | null;
  enrollmentIds: string[];
};

const toSave = (view: GroupingView): SaveGroup[] =>
  view.groups.map((g) => ({
    ...(g.id ? { id: g.id } : {}),
    weekday: g.weekday,
    name: g.name,
    grades: g.grades,
    venueId: g.venueId,
    teacherStaffId: g.teacherStaffId,
    enrollmentIds: g.members.map((m) => m.enrollmentId),
  }));

describe('grouping', () => {
  let t: TestApp;
  let w: GroupingWorld;
  let admin: SignedIn;
  let url: string;

  beforeAll(async () => {
    t = await buildTestApp();
    w = await buildGroupingWorld(t.database.db);
    admin = await signIn(t, (await buildMember(t.database.db, 'school_admin', { school: w.school })).user.id);
    url = `/api/schools/${w.school.schoolId}/terms/${w.termId}/grouping`;
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshot = async () => {
    const groups = await t.database.pool.query(
      'select group_id, weekday, name, venue_id, teacher_staff_id from service_groups where school_id = $1 order by group_id',
      [w.school.schoolId],
    );
    const members = await t.database.pool.query(
      'select group_id, enrollment_id, weekday from group_members where school_id = $1 order by group_id, enrollment_id',
      [w.school.schoolId],
    );
    return { groups: groups.rows, members: members.rows };
  };
  const propose = async (payload: object = {}) => {
    const res = await admin.request({ method: 'POST', url: `${url}/proposal`, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as GroupingView;
  };
  const save = (groups: SaveGroup[]) => admin.request({ method: 'PUT', url, payload: { groups } });
  const get = async (who: SignedIn = admin) => {
    const res = await who.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as GroupingView;
  };

  it('proposes a group for every child on each of their days, with the quota and its clause, saving nothing', async () => {
    const view = await propose();
    expect(view.saved).toBe(false);
    expect(view.plan.venues.map((v) => v.id)).toEqual(['v1', 'v2']);
    // Monday: 40 + 25 children in two groups (grade 1 and grade 3); Tuesday 40 in one.
    const monday = view.groups.filter((g) => g.weekday === 1);
    expect(monday.map((g) => g.members.length).sort()).toEqual([25, 40]);
    expect(monday.every((g) => g.id === null && g.teacherStaffId !== null && g.venueId !== null)).toBe(true);
    expect(monday.map((g) => g.name).sort()).toEqual(['1年级1组', '3年级1组']);
    expect(view.groups.filter((g) => g.weekday === 2)).toHaveLength(1);
    for (const weekday of [1, 2, 3, 4, 5]) {
      const placed = view.groups.filter((g) => g.weekday === weekday).flatMap((g) => g.members);
      const attending = view.children.filter((c) => c.weekdays.includes(weekday as 1));
      expect(placed).toHaveLength(attending.length);
    }
    // The teacher without a letter is offered, but not assignable, and never proposed.
    expect(view.staff.find((s) => s.id === w.unlettered)?.assignable).toBe(false);
    expect(view.groups.some((g) => g.teacherStaffId === w.unlettered)).toBe(false);
    const mon = view.days.find((d) => d.weekday === 1);
    expect(mon).toMatchObject({
      children: 65,
      teachersRequired: 2,
      teachersAssigned: 2,
      managersRequired: 0,
      clause: 'B 五(三)',
    });
    expect(view.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect((await snapshot()).groups).toEqual([]);
  });

  it('shows a shortfall with its clause when groups are smaller than the rooms allow', async () => {
    const view = await propose({ maxGroupSize: 20 });
    // 40 grade-1 children in groups of at most 20 → more groups than the quota's teachers.
    const over = view.problems.filter((p) => p.code === 'over_quota');
    expect(over.length).toBeGreaterThan(0);
    expect(over[0]?.clause).toBe('B 五(三)');
  });

  it('refuses a proposal before the plan is approved', async () => {
    const db = t.database.db;
    const school = await buildSchool(db, { region: w.county });
    const term = await buildTerm(db, w.county, { code: `draft-${Date.now()}` });
    await buildPlan(db, school, term.termId);
    const other = await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id);
    const res = await other.request({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/terms/${term.termId}/grouping/proposal`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toBe('NO_APPROVED_PLAN');
  });

  it('saves the proposal in one piece, audited, and keeps group ids when they are sent back', async () => {
    const view = await propose();
    const res = await save(toSave(view));
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as GroupingView;
    expect(saved.saved).toBe(true);
    const after = await snapshot();
    expect(after.groups).toHaveLength(view.groups.length);
    expect(after.members).toHaveLength(40 * 5 + 25 * 2);
    const audit = await t.database.pool.query(
      "select details from audit_log where action = 'grouping.save' and scope_school_id = $1",
      [w.school.schoolId],
    );
    expect(audit.rows).toHaveLength(1);

    // Read back, swap the two Monday groups' names, save again: same ids, names swapped.
    const stored = await get();
    expect(stored.groups.every((g) => g.id !== null)).toBe(true);
    const groups = toSave(stored);
    const [a, b] = groups.filter((g) => g.weekday === 1);
    if (!a || !b) throw new Error('two Monday groups expected');
    [a.name, b.name] = [b.name, a.name];
    const again = await save(groups);
    expect(again.statusCode, again.body).toBe(200);
    const ids = (await get()).groups.map((g) => g.id).sort();
    expect(ids).toEqual(stored.groups.map((g) => g.id).sort());
    const renamed = (await get()).groups.find((g) => g.id === a.id);
    expect(renamed?.name).toBe(a.name);
  });

  describe('bad input: refused with the problems, nothing saved', () => {
    let base: SaveGroup[];
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeAll(async () => {
      base = toSave(await get());
      before = await snapshot();
    });
    const mondayGrade1 = () => {
      const groups = structuredClone(base);
      const g = groups.find((x) => x.weekday === 1 && x.grades.includes(1));
      if (!g) throw new Error('no Monday grade-1 group');
      return { groups, g };
    };
    const refused = async (groups: SaveGroup[], status = 400) => {
      const res = await save(groups);
      expect(res.statusCode, res.body).toBe(status);
      expect(await snapshot()).toEqual(before);
      return res.json() as {
        error: string;
        message: string;
        details: { problems?: GroupingView['problems']; fields?: { path: string }[] };
      };
    };

    it('a child twice on one weekday', async () => {
      const { groups } = mondayGrade1();
      const monday = groups.filter((g) => g.weekday === 1);
      const [first, second] = monday;
      if (!first || !second) throw new Error('two groups');
      second.enrollmentIds.push(first.enrollmentIds[0] as string);
      const body = await refused(groups);
      expect(body.error).toBe('GROUPING_INVALID');
      const problem = body.details.problems?.find((p) => p.code === 'child_in_two_groups');
      expect(problem?.message.zh).toMatch(/年级学生\d\d（/);
    });

    it('a child on a weekday they do not attend', async () => {
      const groups = structuredClone(base);
      const tuesday = groups.find((g) => g.weekday === 2);
      tuesday?.enrollmentIds.push(w.grade3[0]?.enrollmentId as string);
      const body = await refused(groups);
      expect(body.details.problems?.map((p) => p.code)).toContain('child_not_attending');
    });

    it('a venue over capacity', async () => {
      const groups = structuredClone(base);
      const monday = groups.filter((g) => g.weekday === 1);
      // Everyone of Monday into one group in the 40-seat room.
      const [first, second] = monday;
      if (!first || !second) throw new Error('two groups');
      first.venueId = 'v2';
      first.enrollmentIds.push(...second.enrollmentIds);
      second.enrollmentIds = [];
      second.venueId = 'v1';
      const body = await refused(groups);
      const problem = body.details.problems?.find((p) => p.code === 'venue_over_capacity');
      expect(problem?.clause).toBe('A 三.4');
      expect(problem?.message.zh).toContain('二楼教室');
    });

    it('an unknown venue', async () => {
      const { groups, g } = mondayGrade1();
      g.venueId = 'v9';
      const body = await refused(groups);
      expect(body.details.problems?.map((p) => p.code)).toContain('unknown_venue');
    });

    it('a teacher without a responsibility letter', async () => {
      const { groups, g } = mondayGrade1();
      g.teacherStaffId = w.unlettered;
      const body = await refused(groups);
      const problem = body.details.problems?.find((p) => p.staffId === w.unlettered);
      expect(problem?.clause).toBe('A 三.1');
      expect(problem?.message.zh).toContain('丁老师');
      expect(problem?.message.zh).toContain('岗位责任书');
    });

    it('a teacher in two groups on one day', async () => {
      const groups = structuredClone(base);
      const monday = groups.filter((g) => g.weekday === 1);
      const [first, second] = monday;
      if (!first || !second) throw new Error('two groups');
      second.teacherStaffId = first.teacherStaffId;
      const body = await refused(groups);
      expect(body.details.problems?.map((p) => p.code)).toContain('staff_in_two_groups');
    });

    it('an unknown group id, a repeated one, a repeated name, a weekday the plan does not serve', async () => {
      const groups = structuredClone(base);
      const [first, second] = groups;
      if (!first || !second) throw new Error('groups');
      groups.push({ ...first, id: crypto.randomUUID(), enrollmentIds: [] });
      const body = await refused(groups);
      expect(body.error).toBe('VALIDATION_FAILED');
      expect(body.details.fields?.map((f) => f.path)).toEqual([
        `body.groups.${groups.length - 1}.id`,
        `body.groups.${groups.length - 1}.name`,
      ]);
      const repeated = structuredClone(base);
      repeated.push({ ...(repeated[0] as SaveGroup), name: 'x' });
      expect((await refused(repeated)).details.fields?.[0]?.path).toBe(`body.groups.${base.length}.id`);
      const weekend = structuredClone(base);
      weekend.push({
        weekday: 6,
        name: '周六组',
        grades: [1],
        venueId: 'v1',
        teacherStaffId: null,
        enrollmentIds: [],
      });
      expect((await refused(weekend)).details.fields?.[0]?.path).toBe(`body.groups.${base.length}.weekday`);
    });

    it('an enrollment id of another school', async () => {
      const { groups, g } = mondayGrade1();
      g.enrollmentIds.push(crypto.randomUUID());
      const body = await refused(groups);
      expect(body.details.problems?.map((p) => p.code)).toContain('unknown_child');
    });

    it('a strict body: an unknown field is named', async () => {
      const res = await admin.request({ method: 'PUT', url, payload: { groups: [], extra: 1 } });
      expect(res.statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  it('reports a child who withdrew after the save, by name, and refuses to save them again', async () => {
    const child = w.grade1[5];
    if (!child) throw new Error('child');
    await t.database.pool.query(
      "update enrollments set withdrawn_at = now(), withdrawn_from = '2026-11-25' where enrollment_id = $1",
      [child.enrollmentId],
    );
    const view = await get();
    const problems = view.problems.filter(
      (p) => p.code === 'unknown_child' && p.childId === child.enrollmentId,
    );
    expect(problems).toHaveLength(5);
    expect(problems[0]?.message.zh).toContain(child.name);
    expect(problems[0]?.message.zh).toContain('已退出课后服务');
    const member = view.groups.flatMap((g) => g.members).find((m) => m.enrollmentId === child.enrollmentId);
    expect(member).toMatchObject({ status: 'withdrawn', withdrawnFrom: '2026-11-25' });
    expect(view.children.some((c) => c.enrollmentId === child.enrollmentId)).toBe(false);

    const before = await snapshot();
    const res = await save(toSave(view));
    expect(res.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
    // Removing the child from every group saves.
    const fixed = toSave(view).map((g) => ({
      ...g,
      enrollmentIds: g.enrollmentIds.filter((id) => id !== child.enrollmentId),
    }));
    expect((await save(fixed)).statusCode).toBe(200);
    expect((await get()).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('names a teacher who has left since the save', async () => {
    const stored = await get();
    const group = stored.groups.find((g) => g.teacherStaffId !== null);
    if (!group?.teacherStaffId) throw new Error('a group with a teacher');
    await t.database.pool.query('update staff set archived_at = now() where staff_id = $1', [
      group.teacherStaffId,
    ]);
    const view = await get();
    const problem = view.problems.find((p) => p.code === 'unknown_staff' && p.groupId === group.id);
    expect(problem?.message.zh).toContain('已不在看护人员名单中');
    expect(problem?.message.zh).toContain(group.name);
    expect(view.staff.some((s) => s.id === group.teacherStaffId)).toBe(false);
    await t.database.pool.query('update staff set archived_at = null where staff_id = $1', [
      group.teacherStaffId,
    ]);
  });

  it('two saves at once: one after the other, never a mix', async () => {
    const proposal = toSave(await propose());
    const [a, b] = await Promise.all([save(proposal), save(proposal)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const after = await snapshot();
    expect(after.groups).toHaveLength(proposal.length);
    expect(after.members).toHaveLength(proposal.reduce((n, g) => n + g.enrollmentIds.length, 0));
  });

  it('a care teacher reads only the groups they lead', async () => {
    const teacher = await signIn(t, w.careTeacherUserId);
    const view = await get(teacher);
    expect(view.scope).toBe('own_groups');
    expect(view.children).toEqual([]);
    const own = w.teachers[0]?.staffId;
    expect(view.groups.length).toBeGreaterThan(0);
    expect(view.groups.every((g) => g.teacherStaffId === own)).toBe(true);
    const res = await teacher.request({ method: 'PUT', url, payload: { groups: [] } });
    expect(res.statusCode).toBe(403);
  });
});
