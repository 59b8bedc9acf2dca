// F-06 from the guardian's form to the enrollment, and every refusal leaving nothing half-saved.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import {
  buildMember,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildStudent,
  buildTerm,
  type RegionRow,
  SAMPLE_PDF,
  type SchoolRow,
  sampleTermPlan,
} from '../../../../test/factories.js';
import { notices, plans } from '../../../db/schema.js';
import { buildChildOf, buildOpenTerm, multipartBody, SAMPLE_PNG } from './fixtures.js';

describe('applications (F-06)', () => {
  let t: TestApp;
  let county: RegionRow;
  let school: SchoolRow;
  let open: { termId: string; termCode: string; planId: string };
  let admin: SignedIn;
  let guardian: SignedIn;
  let guardianUserId: string;
  let child: string;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    county = await buildRegion(db, { parent: await buildRegion(db) });
    await buildPolicyVersion(db, county);
    school = await buildSchool(db, { region: county });
    open = await buildOpenTerm(db, school, county);
    admin = await signIn(t, (await buildMember(db, 'school_admin', { school })).user.id);
    const g = await buildMember(db, 'guardian', { school });
    guardianUserId = g.user.id;
    guardian = await signIn(t, guardianUserId);
    child = g.child?.studentId as string;
    base = `/api/schools/${school.schoolId}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;
  const n = async (table: string) => (await q(`select count(*)::int as n from ${table}`))[0].n as number;
  const snapshot = async () => ({
    applications: await n('applications'),
    consents: await n('consents'),
    enrollments: await n('enrollments'),
    pickup: await n('pickup_persons'),
    files: await n('files'),
    notifications: await n('notifications'),
    audit: await n('audit_log'),
    statuses: await q('select application_id, status from applications order by application_id'),
    ended: await q('select enrollment_id, withdrawn_from from enrollments order by enrollment_id'),
  });
  // Refused with `status` and `code`, and nothing written.
  const refused = async (
    send: () => Promise<{ statusCode: number; json(): unknown }>,
    status: number,
    code: string,
  ) => {
    const before = await snapshot();
    const res = await send();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    expect((res.json() as { error: string }).error).toBe(code);
    expect(await snapshot()).toEqual(before);
    return res.json() as { error: string; message: string; details?: { fields?: { path: string }[] } };
  };

  const form = (over: Record<string, unknown> = {}) => ({
    termId: open.termId,
    noticeVersion: 1,
    weekdays: [1, 2, 4],
    departureBatch: '第一批',
    extendedCustody: false,
    extendedCustodyReason: null,
    mayLeaveAlone: false,
    pickupPersons: [{ name: '王丽华', relation: '母亲', phone: '139 1000 0001' }],
    consent: true,
    ...over,
  });
  const apply = (who: SignedIn, studentId: string, body: Record<string, unknown>) =>
    who.request({ method: 'POST', url: `${base}/students/${studentId}/applications`, payload: body });
  const newChild = async (grade = 3) =>
    (await buildChildOf(t.database.db, school, guardianUserId, grade)).studentId;

  describe('the guardian applies', () => {
    it('offers the notice’s days, batches and extended custody, and the guardian’s children', async () => {
      const res = await guardian.request({
        method: 'GET',
        url: `/api/guardian/application-form?schoolCode=${school.code}&termCode=${open.termCode}`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.notice).toMatchObject({
        version: 1,
        weekdays: [1, 2, 4, 5],
        departureBatches: [
          { name: '第一批', time: '17:00' },
          { name: '第二批', time: '18:00' },
        ],
        extendedCustodyOffered: true,
      });
      expect(body.children).toEqual([
        expect.objectContaining({ studentId: child, eligible: true, application: null, pickupPersons: [] }),
      ]);
    });

    it('stores the application, the consent (guardian, time, notice version) and the pickup persons', async () => {
      const studentId = await newChild();
      const res = await apply(
        guardian,
        studentId,
        form({ extendedCustody: true, extendedCustodyReason: '夜班' }),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'submitted',
        source: 'online',
        weekdays: [1, 2, 4],
        extendedCustodyReason: '夜班',
        consent: { noticeVersion: 1, hasScan: false, givenAt: '2026-11-30T07:30:00.000Z' },
        enrollment: null,
      });
      const [consent] = await q('select * from consents where application_id = $1', [res.json().id]);
      expect(consent).toMatchObject({
        source: 'online',
        guardian_user_id: guardianUserId,
        notice_version: 1,
      });
      expect(consent.ip).toBe('127.0.0.1');
      const persons = await q('select name, relation, phone from pickup_persons where student_id = $1', [
        studentId,
      ]);
      expect(persons).toEqual([{ name: '王丽华', relation: '母亲', phone: '13910000001' }]);
      const [audit] = await q(
        `select * from audit_log where action = 'application.submit' and object_id = $1`,
        [res.json().id],
      );
      expect(audit.actor_user_id).toBe(guardianUserId);
    });

    it('refuses bad choices with the field named, and saves nothing', async () => {
      const studentId = await newChild();
      const fields = async (over: Record<string, unknown>) =>
        (
          await refused(() => apply(guardian, studentId, form(over)), 400, 'VALIDATION_FAILED')
        ).details?.fields?.map((f) => f.path);
      expect(await fields({ departureBatch: '第三批' })).toEqual(['body.departureBatch']);
      expect(await fields({ weekdays: [3] })).toEqual(['body.weekdays']);
      expect(await fields({ weekdays: [] })).toEqual(['body.weekdays']);
      expect(await fields({ extendedCustody: true })).toEqual(['body.extendedCustodyReason']);
      expect(await fields({ pickupPersons: [] })).toEqual(['body.pickupPersons']);
      expect(await fields({ pickupPersons: [{ name: '张三', relation: '爷爷', phone: '1234' }] })).toEqual([
        'body.pickupPersons.0.phone',
      ]);
      const twice = { name: '张三', relation: '爷爷', phone: '13910000009' };
      expect(await fields({ pickupPersons: [twice, { ...twice, name: '李四' }] })).toEqual([
        'body.pickupPersons.1.phone',
      ]);
      // The consent box must be ticked.
      expect(await fields({ consent: false })).toEqual(['body.consent']);
      // May leave alone without pickup persons is the guardian's explicit statement: accepted.
      expect(
        (await apply(guardian, studentId, form({ pickupPersons: [], mayLeaveAlone: true }))).statusCode,
      ).toBe(201);
    });

    it('refuses another family’s child, a grade the notice does not serve and a second live application', async () => {
      const other = await buildStudent(t.database.db, school);
      await refused(() => apply(guardian, other.studentId, form()), 403, 'FORBIDDEN');
      // The admin cannot consent online on a guardian's behalf.
      const studentId = await newChild();
      await refused(() => apply(admin, studentId, form()), 403, 'FORBIDDEN');
      expect((await apply(guardian, studentId, form())).statusCode).toBe(201);
      await refused(() => apply(guardian, studentId, form()), 409, 'APPLICATION_EXISTS');
    });

    // Issue 14.10: the region's lowest grade for leaving alone (default grade 3), shown on the form and
    // enforced here.
    it('refuses “may leave alone” below the region’s grade, saying so, and saves nothing', async () => {
      const formRes = await guardian.request({
        method: 'GET',
        url: `/api/guardian/application-form?schoolCode=${school.code}&termCode=${open.termCode}`,
      });
      expect(formRes.json().leaveAlone).toEqual({ minGrade: 3 });
      const second = await newChild(2);
      const third = await newChild(3);
      const offered = formRes.json().children as { studentId: string }[];
      expect(offered.length).toBeGreaterThan(0);
      const shown = (
        await guardian.request({
          method: 'GET',
          url: `/api/guardian/application-form?schoolCode=${school.code}&termCode=${open.termCode}`,
        })
      ).json().children as { studentId: string; mayLeaveAlone: boolean }[];
      expect(shown.find((c) => c.studentId === second)?.mayLeaveAlone).toBe(false);
      expect(shown.find((c) => c.studentId === third)?.mayLeaveAlone).toBe(true);

      const body = await refused(
        () => apply(guardian, second, form({ mayLeaveAlone: true })),
        400,
        'VALIDATION_FAILED',
      );
      expect(body.details?.fields?.map((f) => f.path)).toEqual(['body.mayLeaveAlone']);
      expect(body.message).toContain('3 年级及以上的学生才可自行离校');
      expect(body.message).toContain('from grade 3');
      // Another family's grade-3 child: denied before any check.
      const theirs = await buildStudent(t.database.db, school, { grade: 3 });
      await refused(() => apply(guardian, theirs.studentId, form({ mayLeaveAlone: true })), 403, 'FORBIDDEN');
      // At the grade it is the guardian's statement.
      expect((await apply(guardian, third, form({ mayLeaveAlone: true }))).statusCode).toBe(201);
    });

    it('refuses a stale notice version: the guardian must read the new notice first', async () => {
      const db = t.database.db;
      const region = await buildRegion(db, { parent: county });
      await buildPolicyVersion(db, region);
      const own = await buildOpenTerm(db, school, region);
      const [plan] = await db.select().from(plans).where(eq(plans.planId, own.planId));
      await db.insert(notices).values({
        schoolId: school.schoolId,
        planId: own.planId,
        version: 2,
        content: plan?.content as never,
        publishedAt: new Date('2026-11-01T02:00:00Z'),
      });
      const studentId = await newChild();
      const body = await refused(
        () => apply(guardian, studentId, form({ termId: own.termId, noticeVersion: 1 })),
        409,
        'NOTICE_CHANGED',
      );
      expect(body.message).toContain('第 2 版');
      expect(
        (await apply(guardian, studentId, form({ termId: own.termId, noticeVersion: 2 }))).statusCode,
      ).toBe(201);
    });

    it('refuses a grade the notice does not serve (B 一)', async () => {
      const db = t.database.db;
      const region = await buildRegion(db, { parent: county });
      await buildPolicyVersion(db, region);
      const pilot = await buildOpenTerm(db, school, region, sampleTermPlan({ grades: [1, 2] }));
      const studentId = await newChild(3);
      await refused(
        () => apply(guardian, studentId, form({ termId: pilot.termId })),
        409,
        'GRADE_NOT_SERVED',
      );
      // The form says so before anything is sent (a grade-7 child; this notice serves grades 1–6).
      const older = await newChild(7);
      const res = await guardian.request({
        method: 'GET',
        url: `/api/guardian/application-form?schoolCode=${school.code}&termCode=${open.termCode}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const mine = res.json().children.find((c: { studentId: string }) => c.studentId === older);
      expect(mine).toMatchObject({ grade: 7, eligible: false, application: null });
    });

    it('refuses a term without a published notice', async () => {
      const db = t.database.db;
      const region = await buildRegion(db, { parent: county });
      const term = await buildTerm(db, region);
      await refused(() => apply(guardian, child, form({ termId: term.termId })), 409, 'NOTICE_NOT_PUBLISHED');
    });
  });

  describe('the school reviews', () => {
    let pending: string[];
    beforeEach(async () => {
      pending = [];
      for (let i = 0; i < 3; i++) {
        const res = await apply(guardian, await newChild(), form());
        expect(res.statusCode).toBe(201);
        pending.push(res.json().id);
      }
    });
    const approve = (ids: string[]) =>
      admin.request({
        method: 'POST',
        url: `${base}/applications/approve`,
        payload: { applicationIds: ids },
      });

    it('approves many at once: enrollments from the next service day, the guardians told', async () => {
      const res = await approve(pending.slice(0, 2));
      expect(res.statusCode, res.body).toBe(200);
      // Monday 30 Nov 15:30 in Shanghai: Tuesday 1 Dec is the next service day.
      expect(res.json().items.map((i: { startsOn: string }) => i.startsOn)).toEqual([
        '2026-12-01',
        '2026-12-01',
      ]);
      const rows = await q(
        'select e.*, a.status from enrollments e join applications a using (school_id, application_id) where e.application_id = any($1)',
        [pending.slice(0, 2)],
      );
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(r.status).toBe('approved');
        expect(r.consent_id).toBeTruthy();
        expect(r.weekdays).toEqual([1, 2, 4]);
      }
      const messages = await q(
        `select * from notifications where user_id = $1 and kind = 'application_approved'`,
        [guardianUserId],
      );
      expect(messages.length).toBeGreaterThanOrEqual(2);
      expect(messages[0].body.zh).toContain('自 2026年12月1日 起');
      expect(
        await q(`select * from audit_log where action = 'application.approve' and object_id = any($1)`, [
          pending.slice(0, 2),
        ]),
      ).toHaveLength(2);
    });

    it('refuses to approve twice, and approves none of a batch when one cannot be', async () => {
      expect((await approve([pending[0] as string])).statusCode).toBe(200);
      await refused(() => approve([pending[0] as string]), 409, 'APPLICATION_WRONG_STATUS');
      await refused(
        () => approve([pending[1] as string, pending[0] as string]),
        409,
        'APPLICATION_WRONG_STATUS',
      );
      await refused(() => approve([crypto.randomUUID()]), 404, 'NOT_FOUND');
    });

    it('waitlists with a reason the guardian is told, and approves from the waiting list', async () => {
      const waitlist = (body: Record<string, unknown>) =>
        admin.request({ method: 'POST', url: `${base}/applications/waitlist`, payload: body });
      await refused(() => waitlist({ applicationIds: [pending[0]] }), 400, 'VALIDATION_FAILED');
      await refused(() => waitlist({ applicationIds: [pending[0]], reason: '  ' }), 400, 'VALIDATION_FAILED');
      const res = await waitlist({ applicationIds: [pending[0]], reason: '周四场地已满' });
      expect(res.statusCode, res.body).toBe(200);
      const [row] = await q('select status, waitlist_reason from applications where application_id = $1', [
        pending[0],
      ]);
      expect(row).toEqual({ status: 'waitlisted', waitlist_reason: '周四场地已满' });
      const [message] = await q(
        `select body from notifications where kind = 'application_waitlisted' order by created_at desc limit 1`,
      );
      expect(message.body.zh).toContain('周四场地已满');
      await refused(
        () => waitlist({ applicationIds: [pending[0]], reason: '再次' }),
        409,
        'APPLICATION_WRONG_STATUS',
      );
      expect((await approve([pending[0] as string])).statusCode).toBe(200);
    });

    it('lists by term and status with counts, paged', async () => {
      const res = await admin.request({
        method: 'GET',
        url: `${base}/applications?termId=${open.termId}&status=submitted&pageSize=2`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items).toHaveLength(2);
      expect(body.total).toBe(body.counts.submitted);
      expect(body.items[0]).toMatchObject({
        status: 'submitted',
        student: { grade: 3 },
        consent: { guardianName: expect.any(String) },
      });
      const bad = await admin.request({
        method: 'GET',
        url: `${base}/applications?termId=${open.termId}&status=nonsense`,
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('withdrawal (B 四(一) 自愿参加: any time, no reason)', () => {
    const withdraw = (who: SignedIn, id: string) =>
      who.request({ method: 'POST', url: `${base}/applications/${id}/withdraw` });

    it('ends an enrollment from the next service day; not twice; a new application may follow', async () => {
      const studentId = await newChild();
      const id = (await apply(guardian, studentId, form())).json().id as string;
      expect(
        (
          await admin.request({
            method: 'POST',
            url: `${base}/applications/approve`,
            payload: { applicationIds: [id] },
          })
        ).statusCode,
      ).toBe(200);
      const res = await withdraw(guardian, id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ applicationId: id, withdrawnFrom: '2026-12-01' });
      const [e] = await q(
        'select withdrawn_from::text, withdrawn_at from enrollments where application_id = $1',
        [id],
      );
      expect(e.withdrawn_from).toBe('2026-12-01');
      await refused(() => withdraw(guardian, id), 409, 'APPLICATION_WRONG_STATUS');
      const again = await apply(guardian, studentId, form());
      expect(again.statusCode).toBe(201);
      // The admin records a withdrawal the guardian asked for in person; a submitted one has no enrollment.
      const admins = await withdraw(admin, again.json().id);
      expect(admins.json()).toEqual({ applicationId: again.json().id, withdrawnFrom: null });
    });

    it('shows the guardian each child’s status and the date a withdrawal would take effect', async () => {
      const res = await guardian.request({ method: 'GET', url: '/api/guardian/applications' });
      expect(res.statusCode).toBe(200);
      const live = res
        .json()
        .items.filter(
          (i: { application: { status: string } | null }) =>
            i.application && i.application.status !== 'withdrawn',
        );
      expect(live.length).toBeGreaterThan(0);
      for (const i of live) expect(i.withdrawalEffectiveFrom).toBe('2026-12-01');
    });
  });

  describe('paper applications (B 四(一) 书面申请)', () => {
    const paper = (
      data: Record<string, unknown> | string,
      file?: { bytes: Buffer; fileName: string; contentType: string },
    ) => {
      const body = multipartBody({ data: typeof data === 'string' ? data : JSON.stringify(data) }, file);
      return admin.request({ method: 'POST', url: `${base}/applications/paper`, ...body });
    };
    const pdf = { bytes: SAMPLE_PDF, fileName: '申请表.pdf', contentType: 'application/pdf' };
    const data = async (over: Record<string, unknown> = {}) => {
      const { consent: _c, ...rest } = form();
      return {
        ...rest,
        studentId: await newChild(),
        guardianName: '王丽华',
        formDate: '2026-11-28',
        ...over,
      };
    };

    it('records the guardian’s name, the form’s date and the scan as the consent', async () => {
      const res = await paper(await data(), pdf);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        source: 'paper',
        status: 'submitted',
        consent: { guardianName: '王丽华', hasScan: true, givenAt: '2026-11-27T16:00:00.000Z' },
      });
      const scan = await admin.request({ method: 'GET', url: `${base}/applications/${res.json().id}/scan` });
      expect(scan.statusCode).toBe(200);
      expect(scan.headers['content-type']).toBe('application/pdf');
      expect(scan.rawPayload.equals(SAMPLE_PDF)).toBe(true);
      const [consent] = await q(
        'select source, guardian_user_id, recorded_by from consents where application_id = $1',
        [res.json().id],
      );
      expect(consent).toEqual({ source: 'paper', guardian_user_id: null, recorded_by: admin.userId });
    });

    it('refuses a paper application without a scan, with a scan that is not a PDF or image, or with bad fields', async () => {
      await refused(async () => paper(await data()), 400, 'UPLOAD_MISSING');
      await refused(
        async () =>
          paper(await data(), {
            bytes: Buffer.from('not a scan'),
            fileName: 'a.pdf',
            contentType: 'application/pdf',
          }),
        415,
        'UPLOAD_WRONG_TYPE',
      );
      await refused(async () => paper(await data({ guardianName: '' }), pdf), 400, 'VALIDATION_FAILED');
      await refused(async () => paper(await data({ formDate: undefined }), pdf), 400, 'VALIDATION_FAILED');
      await refused(async () => paper(await data({ formDate: '2026-12-05' }), pdf), 400, 'VALIDATION_FAILED');
      await refused(
        async () => paper(await data({ departureBatch: '第九批' }), pdf),
        400,
        'VALIDATION_FAILED',
      );
      await refused(() => paper('{not json', pdf), 400, 'VALIDATION_FAILED');
      await refused(async () => paper(await data({ noticeVersion: 7 }), pdf), 409, 'NOTICE_CHANGED');
    });

    it('does not show the scan to the guardian', async () => {
      const res = await paper(await data(), pdf);
      const scan = await guardian.request({
        method: 'GET',
        url: `${base}/applications/${res.json().id}/scan`,
      });
      expect(scan.statusCode).toBe(403);
    });
  });

  describe('pickup persons (F-13)', () => {
    const add = (studentId: string, body: Record<string, unknown>) =>
      guardian.request({
        method: 'POST',
        url: `${base}/students/${studentId}/pickup-persons`,
        payload: body,
      });

    it('adds, refuses duplicates and a sixth, removes, and takes a JPEG or PNG photo only', async () => {
      const studentId = await newChild();
      const first = await add(studentId, { name: '张建国', relation: '爷爷', phone: '13720000001' });
      expect(first.statusCode, first.body).toBe(201);
      await refused(
        () => add(studentId, { name: '张三', relation: '叔叔', phone: '137 2000 0001' }),
        400,
        'VALIDATION_FAILED',
      );
      await refused(
        () => add(studentId, { name: '张三', relation: '叔叔', phone: '020-1234567' }),
        400,
        'VALIDATION_FAILED',
      );
      for (let i = 2; i <= 5; i++) {
        expect(
          (await add(studentId, { name: `亲属${i}`, relation: '亲属', phone: `1372000000${i}` })).statusCode,
        ).toBe(201);
      }
      await refused(
        () => add(studentId, { name: '第六位', relation: '亲属', phone: '13720000006' }),
        400,
        'VALIDATION_FAILED',
      );
      const url = `${base}/students/${studentId}/pickup-persons/${first.json().id}`;
      const photo = (bytes: Buffer, contentType: string) =>
        guardian.request({
          method: 'PUT',
          url: `${url}/photo`,
          ...multipartBody({}, { bytes, fileName: 'p', contentType }),
        });
      await refused(() => photo(SAMPLE_PDF, 'image/png'), 415, 'UPLOAD_WRONG_TYPE');
      const ok = await photo(SAMPLE_PNG, 'image/png');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().hasPhoto).toBe(true);
      const got = await guardian.request({ method: 'GET', url: `${url}/photo` });
      expect(got.headers['content-type']).toBe('image/png');
      expect((await guardian.request({ method: 'DELETE', url })).statusCode).toBe(204);
      await refused(() => guardian.request({ method: 'DELETE', url }), 404, 'NOT_FOUND');
      // Removed, not deleted: a past release still names the person.
      const [kept] = await q('select removed_at from pickup_persons where person_id = $1', [first.json().id]);
      expect(kept.removed_at).not.toBeNull();
      expect(
        (await add(studentId, { name: '第六位', relation: '亲属', phone: '13720000006' })).statusCode,
      ).toBe(201);
    });
  });

  describe('the bureau sees the coverage gap (C 应托尽托)', () => {
    it('counts waitlisted applications per school, without names', async () => {
      const bureau = await signIn(
        t,
        (await buildMember(t.database.db, 'bureau', { region: county })).user.id,
      );
      const res = await bureau.request({
        method: 'GET',
        url: `/api/regions/${county.id}/application-gaps?termCode=${encodeURIComponent(open.termCode)}`,
      });
      expect(res.statusCode).toBe(200);
      const [row] = await q(
        `select count(*) filter (where status = 'waitlisted')::int as w from applications where school_id = $1 and term_id = $2`,
        [school.schoolId, open.termId],
      );
      expect(res.json().totalWaitlisted).toBe(row.w);
      expect(Object.keys(res.json().items[0]).sort()).toEqual(
        ['approved', 'schoolCode', 'schoolId', 'schoolName', 'submitted', 'waitlisted'].sort(),
      );
    });
  });
});
