// Who reads the gate board (F-13): the office, the duty chief, the gate and a care teacher (their own
// groups, see gate-board.db.test.ts); no guardian, no bureau, nobody of another school. The event
// stream is checked on a Sunday: an allowed reader gets NOT_A_SERVICE_DAY before any stream starts,
// so the matrix sees the permission without holding a stream open.

import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import { prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';
import type { Db } from '../../../db/connect.js';

const readers = (status: number) => ({
  school_admin: ownOnly(status),
  duty_chief: ownOnly(status),
  gate_guard: ownOnly(status),
  care_teacher: ownOnly(status),
});
const board = (w: World, where: Where, date: string) =>
  `/api/schools/${w.school[where].schoolId}/days/${date}/board`;

export const cases: Case[] = [
  {
    name: 'GET the board',
    request: (w, where) => ({ method: 'GET', url: board(w, where, SERVICE_DATE) }),
    allowed: readers(200),
  },
  {
    name: 'GET the board events (a Sunday)',
    request: (w, where) => ({ method: 'GET', url: `${board(w, where, '2026-11-29')}/events` }),
    allowed: readers(409),
  },
];

export async function prepare(db: Db, world: World): Promise<void> {
  await prepareDailyWorld(db, world);
}
