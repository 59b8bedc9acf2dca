// F-07 课后看护学生名册 (A 三.5) and its xlsx (F-28): per group and weekday, guardians and pickup persons,
// phones by role, a care teacher's own groups only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildEnrollment,
  buildFile,
  buildMember,
  buildStudent,
  buildUser,
} from '../../../../test/factories.js';
import type { GroupingView } from '../grouping/schemas.js';
import { buildGroupingWorld, type GroupingWorld } from '../grouping/test-fixture.js';
import type { RosterView } from './schemas.js';

describe('roster', () => {
  let t: TestApp;
  let w: GroupingWorld;
  let admin: SignedIn;
  let adminUserId: string;
  let dutyChief: SignedIn;
  let teacher: SignedIn;
  let otherTeacher: SignedIn;
  let base: string;
  let grouping: GroupingView;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    w = await buildGroupingWorld(db);
    adminUserId = (await buildMember(db, 'school_admin', { school: w.school })).user.id;
    admin = await signIn(t, adminUserId);
    dutyChief = await signIn(t, (await buildMember(db, 'duty_chief', { school: w.school })).user.id);
    teacher = await signIn(t, w.careTeacherUserId);
    otherTeacher = await signIn(t, w.otherCareTeacherUserId);
    base = `/api/schools/${w.school.schoolId}/terms/${w.termId}`;
    const proposal = (
      await admin.request({ method: 'POST', url: `${base}/grouping/proposal`, payload: {} })
    ).json() as GroupingView;
    // 甲老师 (the signed-in care teacher) leads Monday's grade-1 group, 乙老师 the grade-3 group.
    const [own, other] = w.teachers;
    const groups = proposal.groups.map((g) => ({
      weekday: g.weekday,
      name: g.name,
      grades: g.grades,
      venueId: g.venueId,
      teacherStaffId:
        g.weekday === 1 ? ((g.grades.includes(1) ? own?.staffId : other?.staffId) ?? null) : g.teacherStaffId,
      enrollmentIds: g.members.map((m) => m.enrollmentId),
    }));
    const saved = await admin.request({ method: 'PUT', url: `${base}/grouping`, payload: { groups } });
    expect(saved.statusCode, saved.body).toBe(200);
    grouping = saved.json() as GroupingView;
  });
  afterAll(async () => {
    await t.close();
  });

  const roster = async (who: SignedIn, query: string) => {
    const res = await who.request({ method: 'GET', url: `${base}/roster?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as RosterView;
  };

  it('lists each group of the weekday with guardians, pickup persons, batch and custody', async () => {
    const view = await roster(admin, 'weekday=1');
    expect(view.scope).toBe('school');
    expect(view.groups.map((g) => g.children.length).sort()).toEqual([25, 40]);
    const grade1 = view.groups.find((g) => g.grades.includes(1));
    expect(grade1).toMatchObject({ venueName: '一楼阅览室', capacity: 60, teacherName: '甲老师' });
    const first = grade1?.children.find((c) => c.name === '1年级学生00');
    expect(first?.guardians).toEqual([{ name: '王家长', relation: '母亲', phone: w.guardianPhone }]);
    expect(first?.pickupPersons).toEqual([
      { id: expect.any(String), name: '王外婆', relation: '外婆', phone: w.pickupPhone, photoUrl: null },
    ]);
    expect(first?.departureBatch).toBe('第一批');
    expect(grade1?.children.find((c) => c.name === '1年级学生01')?.extendedCustody).toBe(true);
    expect(view.ungrouped).toEqual([]);
    expect((await roster(admin, 'weekday=2')).groups).toHaveLength(1);
  });

  it('shows phones in full to the roles with roster.full_phones and refuses those without roster.read', async () => {
    for (const who of [admin, dutyChief, teacher]) {
      const view = await roster(who, 'weekday=1');
      expect(view.fullPhones).toBe(true);
      const phones = view.groups.flatMap((g) => g.children.flatMap((c) => c.guardians.map((x) => x.phone)));
      expect(phones.every((p) => p === w.guardianPhone)).toBe(true);
    }
    const db = t.database.db;
    // The gate guard sees who leaves when and with whom, but no phone in full (138****1234), in the
    // page and in the download.
    const guard = await signIn(t, (await buildMember(db, 'gate_guard', { school: w.school })).user.id);
    const guardView = await roster(guard, 'weekday=1');
    expect(guardView.fullPhones).toBe(false);
    const guardPhones = guardView.groups.flatMap((g) =>
      g.children.flatMap((c) => [...c.guardians, ...c.pickupPersons].map((x) => x.phone)),
    );
    expect(guardPhones.length).toBeGreaterThan(0);
    expect(guardPhones.every((p) => /^1\d{2}\*{4}\d{4}$/.test(p ?? ''))).toBe(true);
    const guardRes = await guard.request({ method: 'GET', url: `${base}/roster?weekday=1` });
    expect(guardRes.body).not.toContain(w.guardianPhone);
    expect(guardRes.body).not.toContain(w.pickupPhone);
    const guardExport = await guard.request({ method: 'GET', url: `${base}/roster/export?weekday=1` });
    expect(guardExport.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(guardExport.rawPayload as unknown as ArrayBuffer);
    const cells = workbook.worksheets
      .flatMap((sheet) => sheet.getSheetValues().flat())
      .map((v) => String(v ?? ''))
      .join('\n');
    expect(cells).not.toContain(w.guardianPhone);
    expect(cells).toContain(`${w.guardianPhone.slice(0, 3)}****${w.guardianPhone.slice(-4)}`);
    const guardian = await signIn(t, (await buildMember(db, 'guardian', { school: w.school })).user.id);
    const res = await guardian.request({ method: 'GET', url: `${base}/roster?weekday=1` });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(w.guardianPhone);
  });

  it('gives the photo of a pickup person to those who check who collects a child, not to a care teacher', async () => {
    const db = t.database.db;
    const photo = await buildFile(db, w.school, 'pickup_photo');
    await t.database.pool.query(
      'update pickup_persons set photo_file_id = $1 where school_id = $2 and phone = $3',
      [photo.fileId, w.school.schoolId, w.pickupPhone],
    );
    const guard = await signIn(t, (await buildMember(db, 'gate_guard', { school: w.school })).user.id);
    const photoOf = (view: RosterView) =>
      view.groups.flatMap((g) => g.children.flatMap((c) => c.pickupPersons.map((p) => p.photoUrl)));
    const urls = photoOf(await roster(guard, 'weekday=1')).filter((u): u is string => u !== null);
    expect(urls.length).toBeGreaterThan(0);
    const image = await guard.request({ method: 'GET', url: urls[0] as string });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('application/pdf');
    expect(photoOf(await roster(dutyChief, 'weekday=1')).some((u) => u !== null)).toBe(true);
    expect(photoOf(await roster(teacher, 'weekday=1')).every((u) => u === null)).toBe(true);
    await t.database.pool.query(
      'update pickup_persons set photo_file_id = null where school_id = $1 and phone = $2',
      [w.school.schoolId, w.pickupPhone],
    );
  });

  it('a care teacher sees only the groups they lead; another group is not found', async () => {
    const view = await roster(teacher, 'weekday=1');
    expect(view.scope).toBe('own_groups');
    expect(view.groups.map((g) => g.teacherName)).toEqual(['甲老师']);
    expect(view.ungrouped).toEqual([]);
    const others = grouping.groups.find((g) => g.weekday === 1 && g.grades.includes(3));
    const res = await teacher.request({
      method: 'GET',
      url: `${base}/roster?weekday=1&groupId=${others?.id}`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('3年级学生');
    const exported = await teacher.request({
      method: 'GET',
      url: `${base}/roster/export?weekday=1&groupId=${others?.id}`,
    });
    expect(exported.statusCode).toBe(404);
    // The other teacher reads that group.
    const theirs = await roster(otherTeacher, `weekday=1&groupId=${others?.id}`);
    expect(theirs.groups[0]?.children).toHaveLength(25);
    // A care teacher without a staff record leads nothing.
    const stranger = await signIn(
      t,
      (await buildMember(t.database.db, 'care_teacher', { school: w.school })).user.id,
    );
    expect((await roster(stranger, 'weekday=1')).groups).toEqual([]);
  });

  it('lists children not yet placed, and leaves out those who withdrew', async () => {
    const db = t.database.db;
    const guardian = await buildUser(db, { phone: '13900001111' });
    const student = await buildStudent(db, w.school, { grade: 1, name: '新来的学生' });
    await buildEnrollment(db, w.school, {
      termId: w.termId,
      planId: w.planId,
      studentId: student.studentId,
      guardianUserId: guardian.id,
      weekdays: [1],
    });
    const gone = w.grade1[3];
    await t.database.pool.query(
      "update enrollments set withdrawn_at = now(), withdrawn_from = '2026-11-25' where enrollment_id = $1",
      [gone?.enrollmentId],
    );
    const view = await roster(admin, 'weekday=1');
    expect(view.ungrouped.map((c) => c.name)).toEqual(['新来的学生']);
    const names = view.groups.flatMap((g) => g.children.map((c) => c.name));
    expect(names).not.toContain(gone?.name);
    expect(names).toHaveLength(64);
  });

  it('exports an xlsx with a title row per group sheet, and audits the download', async () => {
    const res = await admin.request({ method: 'GET', url: `${base}/roster/export?weekday=1` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheets = workbook.worksheets.map((s) => s.name);
    expect(sheets).toEqual(expect.arrayContaining(['1年级1组', '3年级1组', '未编班']));
    const sheet = workbook.getWorksheet('1年级1组');
    const title = String(sheet?.getCell(1, 1).value);
    expect(title).toContain(w.school.name);
    expect(title).toContain('周一');
    expect(String(sheet?.getCell(2, 1).value)).toContain('甲老师');
    expect(sheet?.getRow(3).getCell(3).value).toBe('姓名');
    expect(String(sheet?.getRow(4).getCell(8).value)).toContain(w.guardianPhone);
    const audit = await t.database.pool.query(
      `select count(*)::int as n from audit_log
       where action = 'roster.export' and scope_school_id = $1 and actor_user_id = $2`,
      [w.school.schoolId, adminUserId],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('records each print of the roster like a download, with address and device (issue 13.9)', async () => {
    const res = await teacher.request({
      method: 'POST',
      url: `${base}/roster/print?weekday=1`,
      remoteAddress: '10.9.8.7',
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/140' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const audit = await t.database.pool.query(
      `select actor_user_id, host(ip) as ip, user_agent, object_id, details from audit_log
       where action = 'roster.print' and scope_school_id = $1`,
      [w.school.schoolId],
    );
    expect(audit.rows).toEqual([
      {
        actor_user_id: w.careTeacherUserId,
        ip: '10.9.8.7',
        user_agent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/140',
        object_id: w.termId,
        details: { weekday: 1, groupId: null, children: expect.any(Number), fullPhones: true },
      },
    ]);
    expect(audit.rows[0].details.children).toBeGreaterThan(0);
    // A group the teacher does not lead is refused, and nothing is recorded.
    const otherGroup = grouping.groups.find((g) => g.weekday === 1 && g.grades.includes(3))?.id;
    const refused = await teacher.request({
      method: 'POST',
      url: `${base}/roster/print?weekday=1&groupId=${otherGroup}`,
    });
    expect(refused.statusCode).toBe(404);
    const after = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'roster.print'`,
    );
    expect(after.rows[0].n).toBe(1);
  });

  it('validates the query', async () => {
    const bad = await admin.request({ method: 'GET', url: `${base}/roster?weekday=8` });
    expect(bad.statusCode).toBe(400);
    const unknown = await admin.request({ method: 'GET', url: `${base}/roster?weekday=1&x=1` });
    expect(unknown.statusCode).toBe(400);
    const noGroup = await admin.request({
      method: 'GET',
      url: `${base}/roster?weekday=1&groupId=${crypto.randomUUID()}`,
    });
    expect(noGroup.statusCode).toBe(404);
  });
});
