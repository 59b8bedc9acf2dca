// Who may keep the gate's visitor log (F-17, B 六(三) 门卫登记): the gate guard, the duty chief and the
// school admin of the school; not the care teachers, no guardian, nobody of another school.
import { type Case, ownOnly, type World } from '../../../../test/authorization.js';
import type { Db } from '../../../db/connect.js';
import { gateVisits } from '../../../db/schema.js';

export interface Extra {
  // Visits of the own school still inside, one for each sign-out request of the matrix.
  visits: string[];
}

const gate = { school_admin: ownOnly(200), duty_chief: ownOnly(200), gate_guard: ownOnly(200) };

export const cases: Case<Extra>[] = [
  {
    name: 'GET gate visits',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/gate-visits?date=2026-11-30`,
    }),
    allowed: gate,
  },
  {
    name: 'POST gate visit',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/gate-visits`,
      payload: { visitorName: '张师傅', phone: '13900138000', purpose: '维修', host: '总务处' },
    }),
    allowed: { school_admin: ownOnly(201), duty_chief: ownOnly(201), gate_guard: ownOnly(201) },
  },
  {
    name: 'POST gate visit leave',
    request: (w, where, n, extra) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/gate-visits/${extra.visits[n]}/leave`,
    }),
    allowed: gate,
  },
];

export async function prepare(db: Db, world: World): Promise<Extra> {
  const rows = await db
    .insert(gateVisits)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        schoolId: world.school.own.schoolId,
        visitDate: '2026-11-30',
        visitorName: `访客${i}`,
        purpose: '来访',
        host: '校长',
        inAt: new Date('2026-11-30T07:00:00Z'),
        inBy: world.staffUserId.gate_guard,
      })),
    )
    .returning({ visitId: gateVisits.visitId });
  return { visits: rows.map((r) => r.visitId) };
}
