// Leave requests (F-11) against PostgreSQL: the guardian's range, checked for past dates, length and
// service days; overlapping requests refused; cancelled only before they start; seen in the roll call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, signIn, type TestApp } from '../../../../test/app.js';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import { buildMember } from '../../../../test/factories.js';
import type { RollCallView } from '../attendance/schemas.js';
import type { CreatedLeave, LeaveList } from './schemas.js';

let t: TestApp;
let world: DayWorld;
let guardian: SignedIn;
let admin: SignedIn;
let teacher: SignedIn;
let child: DayWorld['children'][number];

const url = () => `/api/schools/${world.school.schoolId}/students/${child.studentId}/leave-requests`;
const ask = (who: SignedIn, fromDate: string, toDate: string, reason = '看病') =>
  who.request({ method: 'POST', url: url(), payload: { fromDate, toDate, reason } });

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildDayWorld(t.database.db, { groups: 1, perGroup: 2 });
  child = world.children[0] as DayWorld['children'][number];
  guardian = await signIn(t, child.guardianUserId);
  admin = await signIn(t, world.users.admin);
  teacher = await signIn(t, world.users.teachers[0] as string);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('leave requests', () => {
  it('takes today’s leave from the guardian and shows it pre-marked in the roll call', async () => {
    const res = await ask(guardian, SERVICE_DATE, SERVICE_DATE, '发烧');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      fromDate: SERVICE_DATE,
      serviceDates: [SERVICE_DATE],
      byStaff: false,
      cancellable: false,
    });
    const view = (
      await teacher.request({
        method: 'GET',
        url: `/api/schools/${world.school.schoolId}/days/${SERVICE_DATE}/roll-call`,
      })
    ).json() as RollCallView;
    const shown = view.groups[0]?.children.find((c) => c.studentId === child.studentId);
    expect(shown).toMatchObject({ status: 'on_leave', leave: { reason: '发烧' } });
  });

  it('counts only the service days of the range, and refuses a range without one', async () => {
    // Friday 4 December to Monday 7 December: the weekend does not count.
    const res = await ask(guardian, '2026-12-04', '2026-12-07');
    expect((res.json() as CreatedLeave).serviceDates).toEqual(['2026-12-04', '2026-12-07']);
    const weekend = await ask(guardian, '2026-12-12', '2026-12-13');
    expect(weekend.statusCode).toBe(400);
    expect(weekend.json()).toMatchObject({
      error: 'VALIDATION_FAILED',
      message: expect.stringContaining('没有课后服务'),
    });
  });

  it('refuses a past date, a range over 30 days, a reversed range and an overlap', async () => {
    expect((await ask(guardian, '2026-11-27', '2026-11-27')).json()).toMatchObject({
      error: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'body.fromDate' }] },
    });
    expect((await ask(guardian, '2026-12-14', '2027-01-13')).json()).toMatchObject({
      details: { fields: [{ path: 'body.toDate' }] },
    });
    expect((await ask(guardian, '2026-12-15', '2026-12-14')).statusCode).toBe(400);
    const overlap = await ask(admin, '2026-12-07', '2026-12-08');
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ error: 'LEAVE_OVERLAPS', details: { fromDate: '2026-12-04' } });
    expect((await ask(guardian, '2026-12-14', '   ')).statusCode).toBe(400);
  });

  it('lets the school admin record one for the guardian, shown as recorded by staff', async () => {
    const res = await ask(admin, '2026-12-16', '2026-12-16', '家长电话请假');
    expect(res.json()).toMatchObject({ byStaff: true, cancellable: true });
  });

  it('cancels before the day (twice is the same answer), never once the leave has started', async () => {
    const list = (await guardian.request({ method: 'GET', url: url() })).json() as LeaveList;
    expect(list.items.map((i) => i.fromDate)).toEqual(['2026-12-16', '2026-12-04', SERVICE_DATE]);
    const future = list.items[0]?.leaveId as string;
    const today = list.items[2]?.leaveId as string;
    const cancel = (id: string) => guardian.request({ method: 'POST', url: `${url()}/${id}/cancel` });
    const first = await cancel(future);
    expect(first.json()).toMatchObject({ cancellable: false, cancelledAt: expect.any(String) });
    expect((await cancel(future)).json()).toEqual(first.json());
    const started = await cancel(today);
    expect(started.statusCode).toBe(409);
    expect(started.json()).toMatchObject({ error: 'LEAVE_NOT_CANCELLABLE' });
    // A cancelled range is free again.
    expect((await ask(guardian, '2026-12-16', '2026-12-16')).statusCode).toBe(200);
  });

  // Issue 14.10: the leave form offers only children in the service; the server says why it refuses one
  // that is not, and refuses another family's child before reading it.
  it('refuses leave for the guardian’s child who is not enrolled, saying so, and stores nothing', async () => {
    const other = await buildMember(t.database.db, 'guardian', { school: world.school });
    const parent = await signIn(t, other.user.id);
    const notEnrolled = other.child?.studentId as string;
    const leaveUrl = `/api/schools/${world.school.schoolId}/students/${notEnrolled}/leave-requests`;
    const res = await parent.request({
      method: 'POST',
      url: leaveUrl,
      payload: { fromDate: SERVICE_DATE, toDate: SERVICE_DATE, reason: '看病' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION_FAILED',
      message: expect.stringContaining('不在课后服务名单中'),
      details: { fields: [{ path: 'params.studentId' }] },
    });
    expect(res.json().message).toContain('is not enrolled in after-school care');
    const list = (await parent.request({ method: 'GET', url: leaveUrl })).json() as LeaveList;
    expect(list.items).toEqual([]);
    // Another family's enrolled child: denied, nothing stored for it.
    const denied = await parent.request({
      method: 'POST',
      url: url(),
      payload: { fromDate: '2026-12-21', toDate: '2026-12-21', reason: '看病' },
    });
    expect(denied.statusCode).toBe(403);
    const theirs = (await guardian.request({ method: 'GET', url: url() })).json() as LeaveList;
    expect(theirs.items.some((i) => i.fromDate === '2026-12-21')).toBe(false);
  });
});
