// Staff records, the leadership group (A 二) and responsibility letters (A 三.1) through the API, with
// bad input refused and nothing half-saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildSchool,
  buildStaff,
  SAMPLE_PDF,
  type SchoolRow,
} from '../../../../test/factories.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

function letterForm(
  fields: Record<string, string>,
  file: { bytes: Buffer; name: string; type: string } | null,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return form;
}

describe('staff (F-09)', () => {
  let t: TestApp;
  let school: SchoolRow;
  let admin: SignedIn;
  let chief: SignedIn;
  let teacherUserId: string;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    school = await buildSchool(db);
    admin = await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id);
    chief = await signIn(t, (await buildMember(db, 'duty_chief', { school })).user.id);
    teacherUserId = (await buildMember(db, 'care_teacher', { school })).user.id;
    base = `/api/schools/${school.schoolId}/staff`;
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string) =>
    (
      await t.database.pool.query(`select count(*)::int as n from ${table} where school_id = $1`, [
        school.schoolId,
      ])
    ).rows[0].n as number;
  const audits = async (action: string) =>
    (await t.database.pool.query('select count(*)::int as n from audit_log where action = $1', [action]))
      .rows[0].n as number;

  const person = (extra: Record<string, unknown> = {}) => ({
    name: '陈老师',
    kind: 'teacher',
    weekdays: [1, 2, 4],
    phone: '+86 138 0013 8000',
    ...extra,
  });

  it('adds a staff member with the phone as typed stored as 11 digits, letter missing, audited', async () => {
    const res = await admin.request({ method: 'POST', url: base, payload: person({ staffNo: 'T001' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: '陈老师',
      phone: '13800138000',
      weekdays: [1, 2, 4],
      letterStatus: 'missing',
      letters: [],
      account: null,
      leadershipPosition: null,
    });
    expect(await audits('staff.create')).toBe(1);
    const list = await chief.request({ method: 'GET', url: base });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { name: string }) => s.name)).toContain('陈老师');
    // The duty chief reads but cannot link accounts.
    expect(list.json().linkableAccounts).toEqual([]);
  });

  it('refuses a bad phone, duties without a position, an unknown account and a duplicate staff number', async () => {
    const before = await count('staff');
    const auditsBefore = await audits('staff.create');
    const bad = await admin.request({ method: 'POST', url: base, payload: person({ phone: '12345' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].path).toBe('body.phone');
    const duties = await admin.request({
      method: 'POST',
      url: base,
      payload: person({ phone: null, leadershipDuties: ['应急预案'] }),
    });
    expect(duties.statusCode).toBe(400);
    const stranger = await buildMember(t.database.db, 'care_teacher', {
      school: await buildSchool(t.database.db),
    });
    const account = await admin.request({
      method: 'POST',
      url: base,
      payload: person({ userId: stranger.user.id }),
    });
    expect(account.statusCode).toBe(400);
    expect(account.json().details.fields[0].path).toBe('body.userId');
    const dupNo = await admin.request({ method: 'POST', url: base, payload: person({ staffNo: 'T001' }) });
    expect(dupNo.statusCode).toBe(409);
    expect(dupNo.json().error).toBe('STAFF_NO_TAKEN');
    const weekdays = await admin.request({
      method: 'POST',
      url: base,
      payload: person({ weekdays: [1, 1] }),
    });
    expect(weekdays.statusCode).toBe(400);
    const unknown = await admin.request({ method: 'POST', url: base, payload: person({ salary: 1 }) });
    expect(unknown.statusCode).toBe(400);
    expect(await count('staff')).toBe(before);
    expect(await audits('staff.create')).toBe(auditsBefore);
  });

  it('links a staff account once and lists the unlinked ones', async () => {
    const list = await admin.request({ method: 'GET', url: base });
    const linkable = list.json().linkableAccounts.map((a: { userId: string }) => a.userId);
    expect(linkable).toContain(teacherUserId);
    const res = await admin.request({
      method: 'POST',
      url: base,
      payload: person({ name: '李老师', userId: teacherUserId, phone: null }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().account).toMatchObject({ userId: teacherUserId, roles: ['care_teacher'] });
    const again = await admin.request({
      method: 'POST',
      url: base,
      payload: person({ name: '李老师2', userId: teacherUserId }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('STAFF_ACCOUNT_TAKEN');
    const after = await admin.request({ method: 'GET', url: base });
    expect(after.json().linkableAccounts.map((a: { userId: string }) => a.userId)).not.toContain(
      teacherUserId,
    );
  });

  it('keeps one 组长 in the leadership group (A 二 1)', async () => {
    const none = await admin.request({ method: 'GET', url: base });
    expect(none.json().leadershipProblems.map((p: { code: string }) => p.code)).toEqual(['no_leader']);
    const leader = await admin.request({
      method: 'POST',
      url: base,
      payload: person({
        name: '林校长',
        kind: 'manager',
        leadershipPosition: 'leader',
        leadershipDuties: ['看护工作第一责任人'],
      }),
    });
    expect(leader.statusCode, leader.body).toBe(201);
    const second = await admin.request({
      method: 'POST',
      url: base,
      payload: person({ name: '黄主任', kind: 'manager', leadershipPosition: 'leader' }),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toBe('LEADER_TAKEN');
    // The leader may be saved again as leader; a deputy with a duty of the school's own words.
    const same = await admin.request({
      method: 'PUT',
      url: `${base}/${leader.json().staffId}`,
      payload: person({
        name: '林校长',
        kind: 'manager',
        leadershipPosition: 'leader',
        leadershipDuties: ['看护工作第一责任人', '食堂巡查'],
      }),
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().leadershipDuties).toEqual(['看护工作第一责任人', '食堂巡查']);
    const deputy = await admin.request({
      method: 'POST',
      url: base,
      payload: person({
        name: '黄主任',
        kind: 'manager',
        leadershipPosition: 'deputy',
        leadershipDuties: ['宣传发动，统一思想'],
      }),
    });
    expect(deputy.statusCode).toBe(201);
    const list = await admin.request({ method: 'GET', url: base });
    expect(list.json().leadershipProblems).toEqual([]);
  });

  it('records a letter with its scan, and serves the scan with its type to the admin and duty chief', async () => {
    const staff = await buildStaff(t.database.db, school, { name: '张老师', letter: null });
    const res = await admin.request({
      method: 'POST',
      url: `${base}/${staff.staffId}/letters`,
      payload: letterForm(
        { signedOn: '2026-08-25', validUntil: '2027-08-24' },
        { bytes: SAMPLE_PDF, name: '责任书.pdf', type: 'application/pdf' },
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().letterStatus).toBe('current');
    const letter = res.json().letters[0];
    expect(letter).toMatchObject({
      signedOn: '2026-08-25',
      validUntil: '2027-08-24',
      scanContentType: 'application/pdf',
    });
    for (const reader of [admin, chief]) {
      const scan = await reader.request({
        method: 'GET',
        url: `${base}/${staff.staffId}/letters/${letter.letterId}/scan`,
      });
      expect(scan.statusCode).toBe(200);
      expect(scan.headers['content-type']).toBe('application/pdf');
      expect(scan.rawPayload.equals(SAMPLE_PDF)).toBe(true);
    }
    const png = await admin.request({
      method: 'POST',
      url: `${base}/${staff.staffId}/letters`,
      payload: letterForm(
        { signedOn: '2026-11-01', validUntil: '2028-08-24' },
        { bytes: PNG, name: 'scan.png', type: 'image/png' },
      ),
    });
    expect(png.statusCode, png.body).toBe(201);
    const listed = await chief.request({ method: 'GET', url: `${base}/${staff.staffId}/letters` });
    expect(listed.json().items).toHaveLength(2);
    expect(listed.json().items[1].scanContentType).toBe('image/png');
    expect(await audits('staff.letter.upload')).toBe(2);
  });

  it('refuses reversed dates, a future signing date, a scan that is not a PDF or image and a missing file — nothing saved', async () => {
    const staff = await buildStaff(t.database.db, school, { name: '王老师', letter: null });
    const url = `${base}/${staff.staffId}/letters`;
    const files = await count('files');
    const letters = await count('responsibility_letters');
    const pdf = { bytes: SAMPLE_PDF, name: 'a.pdf', type: 'application/pdf' };
    const reversed = await admin.request({
      method: 'POST',
      url,
      payload: letterForm({ signedOn: '2026-08-25', validUntil: '2026-08-24' }, pdf),
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details.fields[0].path).toBe('body.validUntil');
    const future = await admin.request({
      method: 'POST',
      url,
      payload: letterForm({ signedOn: '2026-12-25', validUntil: '2027-08-24' }, pdf),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.fields[0].path).toBe('body.signedOn');
    const notDate = await admin.request({
      method: 'POST',
      url,
      payload: letterForm({ signedOn: '2026-02-30', validUntil: '2027-08-24' }, pdf),
    });
    expect(notDate.statusCode).toBe(400);
    const text = await admin.request({
      method: 'POST',
      url,
      payload: letterForm(
        { signedOn: '2026-08-25', validUntil: '2027-08-24' },
        { bytes: Buffer.from('<html>not a scan</html>'), name: 'scan.pdf', type: 'application/pdf' },
      ),
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toBe('UPLOAD_WRONG_TYPE');
    const missing = await admin.request({
      method: 'POST',
      url,
      payload: letterForm({ signedOn: '2026-08-25', validUntil: '2027-08-24' }, null),
    });
    expect(missing.statusCode).toBe(400);
    const json = await admin.request({
      method: 'POST',
      url,
      payload: { signedOn: '2026-08-25', validUntil: '2027-08-24' },
    });
    expect(json.statusCode).toBe(400);
    expect(await count('files')).toBe(files);
    expect(await count('responsibility_letters')).toBe(letters);
    const other = await buildStaff(t.database.db, await buildSchool(t.database.db), { letter: null });
    const foreign = await admin.request({
      method: 'POST',
      url: `${base}/${other.staffId}/letters`,
      payload: letterForm({ signedOn: '2026-08-25', validUntil: '2027-08-24' }, pdf),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('shows expired and expiring letters by today’s date', async () => {
    const expired = await buildStaff(t.database.db, school, {
      name: '吴老师',
      letter: { signedOn: '2025-08-25', validUntil: '2026-08-24' },
    });
    const expiring = await buildStaff(t.database.db, school, {
      name: '郑老师',
      letter: { signedOn: '2025-12-20', validUntil: '2026-12-20' },
    });
    const list = (await admin.request({ method: 'GET', url: base })).json().items as {
      staffId: string;
      letterStatus: string;
    }[];
    expect(list.find((s) => s.staffId === expired.staffId)?.letterStatus).toBe('expired');
    expect(list.find((s) => s.staffId === expiring.staffId)?.letterStatus).toBe('expiring');
  });

  it('archives a staff member: gone from the list, kept in the archive, no longer changed', async () => {
    const staff = await buildStaff(t.database.db, school, { name: '周老师' });
    const res = await admin.request({ method: 'POST', url: `${base}/${staff.staffId}/archive` });
    expect(res.statusCode).toBe(200);
    expect(res.json().archivedAt).not.toBeNull();
    const active = (await admin.request({ method: 'GET', url: base })).json().items as { staffId: string }[];
    expect(active.map((s) => s.staffId)).not.toContain(staff.staffId);
    const archived = (await admin.request({ method: 'GET', url: `${base}?archived=true` })).json().items as {
      staffId: string;
    }[];
    expect(archived.map((s) => s.staffId)).toEqual([staff.staffId]);
    const change = await admin.request({
      method: 'PUT',
      url: `${base}/${staff.staffId}`,
      payload: person({ name: '周老师' }),
    });
    expect(change.statusCode).toBe(400);
    expect(await audits('staff.archive')).toBe(1);
  });

  it('lists the staff and rota routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/schools/{schoolId}/staff',
      '/api/schools/{schoolId}/staff/{staffId}/letters',
      '/api/schools/{schoolId}/staff/{staffId}/letters/{letterId}/scan',
      '/api/schools/{schoolId}/terms/{termId}/rota',
      '/api/schools/{schoolId}/rota/current',
    ])
      expect(paths).toContain(p);
  });
});
