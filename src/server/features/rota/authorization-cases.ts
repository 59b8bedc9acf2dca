// Who may read and make the duty rota (F-10): everyone on the school's staff reads it (the care
// teacher and duty chief on their phones); only the school admin makes it. Nobody of another school.
import { and, eq } from 'drizzle-orm';
import { type Case, ownOnly, type Where, type World } from '../../../../test/authorization.js';
import type { Db } from '../../../db/connect.js';
import { notices, plans } from '../../../db/schema.js';

export type Extra = Record<Where, string>;

const readers = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  care_teacher: ownOnly(200),
  gate_guard: ownOnly(200),
};

export const cases: Case<Extra>[] = [
  {
    name: 'GET current rota',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/rota/current` }),
    allowed: readers,
  },
  {
    name: 'GET term rota',
    request: (w, where, _n, terms) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/terms/${terms[where]}/rota`,
    }),
    allowed: readers,
  },
  {
    name: 'PUT term rota',
    request: (w, where, _n, terms) => ({
      method: 'PUT',
      url: `/api/schools/${w.school[where].schoolId}/terms/${terms[where]}/rota`,
      payload: { days: [] },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
];

export async function prepare(db: Db, world: World): Promise<Extra> {
  const terms = {} as Extra;
  for (const where of ['own', 'otherSchool', 'otherRegion'] as const) {
    const [plan] = await db
      .select()
      .from(plans)
      .where(and(eq(plans.schoolId, world.school[where].schoolId), eq(plans.planId, world.plan[where])));
    if (!plan) throw new Error('no plan');
    terms[where] = plan.termId;
    // A rota needs the published plan; "another school" has one already.
    await db
      .insert(notices)
      .values({
        schoolId: plan.schoolId,
        planId: plan.planId,
        version: 1,
        content: plan.content,
        publishedAt: new Date('2026-08-30T02:00:00Z'),
      })
      .onConflictDoNothing();
  }
  return terms;
}
