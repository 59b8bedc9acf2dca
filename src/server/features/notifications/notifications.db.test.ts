// F-30 message centre: each user reads and marks only their own messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../../test/app.js';
import { buildMember, buildSchool } from '../../../../test/factories.js';
import { inAppNotifier } from '../../notifications.js';

describe('notifications', () => {
  let t: TestApp;
  let mine: string;
  let theirs: string;
  let schoolId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const school = await buildSchool(t.database.db);
    schoolId = school.schoolId;
    mine = (await buildMember(t.database.db, 'guardian', { school })).user.id;
    theirs = (await buildMember(t.database.db, 'guardian', { school })).user.id;
    const message = (userId: string, n: number) => ({
      schoolId,
      userId,
      kind: 'application_decided',
      title: { zh: `消息${n}`, en: `Message ${n}` },
      body: { zh: '报名已通过', en: 'Approved' },
      data: { n },
      // Sent n minutes after 15:30 on the fake clock: the message keeps this time (issue 14.14).
      at: new Date(t.clock.now().getTime() + n * 60_000),
    });
    await inAppNotifier.send(t.database.db, [message(mine, 1), message(mine, 2), message(theirs, 3)]);
    await inAppNotifier.send(t.database.db, []);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only the signed-in user’s messages, newest first, with the unread count', async () => {
    const me = await signIn(t, mine);
    const res = await me.request({ method: 'GET', url: '/api/me/notifications' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(2);
    expect(body.items.map((i: { title: { zh: string } }) => i.title.zh)).toEqual(['消息2', '消息1']);
    // The time each was sent by the request's clock, not when the row was written.
    expect(body.items.map((i: { createdAt: string }) => i.createdAt)).toEqual([
      '2026-11-30T07:32:00.000Z',
      '2026-11-30T07:31:00.000Z',
    ]);
  });

  it('marks only own messages read; another user’s ids are ignored', async () => {
    const me = await signIn(t, mine);
    const other = await signIn(t, theirs);
    const theirIds = (await other.request({ method: 'GET', url: '/api/me/notifications' }))
      .json()
      .items.map((i: { id: string }) => i.id);
    const myIds = (await me.request({ method: 'GET', url: '/api/me/notifications' }))
      .json()
      .items.map((i: { id: string }) => i.id);
    const res = await me.request({
      method: 'POST',
      url: '/api/me/notifications/read',
      payload: { ids: [...myIds, ...theirIds] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated).toBe(2);
    expect((await other.request({ method: 'GET', url: '/api/me/notifications' })).json().unread).toBe(1);
    expect((await me.request({ method: 'GET', url: '/api/me/notifications' })).json().unread).toBe(0);
  });

  it('refuses the anonymous and bad input', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notifications' })).statusCode).toBe(401);
    const me = await signIn(t, mine);
    const bad = await me.request({
      method: 'POST',
      url: '/api/me/notifications/read',
      payload: { ids: ['x'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain(' / ');
    const limit = await me.request({ method: 'GET', url: '/api/me/notifications?limit=0' });
    expect(limit.statusCode).toBe(400);
  });
});
