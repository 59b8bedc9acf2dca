// The authorization matrix machinery: every route × every role × {own scope, another school of the
// same city, another region}. The expected table of each feature is written out by hand,
// independently of the policy module, so that a wrong rule there shows up. Features describe their
// routes with `describeMatrix` in their own `authorization.db.test.ts`; the foundation routes are in
// test/authorization-matrix.db.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.js';
import { notices } from '../src/db/schema.js';
import { buildTestApp, type SignedIn, signIn, type TestApp } from './app.js';
import {
  buildMember,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildStudent,
  buildTerm,
  type RegionRow,
  type SchoolRow,
} from './factories.js';

export type Who =
  | 'anonymous'
  | 'cityBureau'
  | 'bureau'
  | 'school_admin'
  | 'care_teacher'
  | 'duty_chief'
  | 'gate_guard'
  | 'guardian';
export type Where = 'own' | 'otherSchool' | 'otherRegion';

export const WHO: Who[] = [
  'anonymous',
  'cityBureau',
  'bureau',
  'school_admin',
  'care_teacher',
  'duty_chief',
  'gate_guard',
  'guardian',
];
export const WHERE: Where[] = ['own', 'otherSchool', 'otherRegion'];

// `bureau` is the county bureau of the own school; `cityBureau` the bureau of the city above it
// (both the own school and "another school" lie in that city, in two counties).
export interface World {
  city: RegionRow;
  county: Record<Where, RegionRow>;
  school: Record<Where, SchoolRow>;
  child: Record<Where, string>;
  guardianChild: string;
  otherFamilyChild: string;
  term: Record<Where, string>;
  // Plans (F-02): each school has a draft plan for its county's autumn term (code 2026-2027-1); the
  // spring term has none. "Another school" has an approved plan with a published notice.
  plan: Record<Where, string>;
  springTerm: Record<Where, string>;
  guardianUserId: string;
  otherFamilyUserId: string;
  // The accounts of the own school's staff actors (filled in once they are signed in).
  staffUserId: Record<'school_admin' | 'care_teacher' | 'duty_chief' | 'gate_guard', string>;
}

export interface Case<X = unknown> {
  name: string;
  request: (
    w: World,
    where: Where,
    n: number,
    extra: X,
  ) => { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: unknown };
  // Expected status per actor and scope; anything not listed is 403.
  allowed: Partial<Record<Who, Partial<Record<Where, number>>>>;
  // For anonymous the answer is always 401.

  // The request ends the session it is sent on (logout): each actor sends it on a session of its
  // own, so that the actor's shared session lives on for the next cases.
  endsSession?: boolean;
}

// Adds a feature's own rows (staff, enrollments…) to the world; what it returns is the cases' `extra`.
export type Prepare<X> = (db: Db, world: World) => Promise<X>;

export const ownOnly = (status: number) => ({ own: status });
export const cityWide = (status: number) => ({ own: status, otherSchool: status });

export interface Matrix {
  t: TestApp;
  world: World;
  actors: Map<Who, SignedIn>;
}

// Builds the world and signs every actor in. `guardian` is the own school's guardian of
// `world.guardianChild`; `world.otherFamilyChild` has another guardian at the same school. The world
// goes into a fresh app, or into `app` when given (several worlds live side by side in one database;
// the caller closes it).
export async function buildMatrixWorld(app?: TestApp): Promise<Matrix> {
  const actors = new Map<Who, SignedIn>();
  const t = app ?? (await buildTestApp());
  const db = t.database.db;
  const city = await buildRegion(db, { level: 'city' });
  const otherCity = await buildRegion(db, { level: 'city' });
  const county = {
    own: await buildRegion(db, { parent: city }),
    otherSchool: await buildRegion(db, { parent: city }),
    otherRegion: await buildRegion(db, { parent: otherCity }),
  };
  const school = {
    own: await buildSchool(db, { region: county.own }),
    otherSchool: await buildSchool(db, { region: county.otherSchool }),
    otherRegion: await buildSchool(db, { region: county.otherRegion }),
  };
  const child = {
    own: (await buildStudent(db, school.own)).studentId,
    otherSchool: (await buildStudent(db, school.otherSchool)).studentId,
    otherRegion: (await buildStudent(db, school.otherRegion)).studentId,
  };
  const guardian = await buildMember(db, 'guardian', { school: school.own });
  const otherFamily = await buildMember(db, 'guardian', { school: school.own });
  const term = {
    own: (await buildTerm(db, county.own)).termId,
    otherSchool: (await buildTerm(db, county.otherSchool)).termId,
    otherRegion: (await buildTerm(db, county.otherRegion)).termId,
  };
  const plan = {} as Record<Where, string>;
  const springTerm = {} as Record<Where, string>;
  for (const where of WHERE) {
    await buildPolicyVersion(db, county[where]);
    const autumn = await buildTerm(db, county[where], { code: '2026-2027-1' });
    const status = where === 'otherSchool' ? 'approved' : 'draft';
    const row = await buildPlan(db, school[where], autumn.termId, { status });
    plan[where] = row.planId;
    if (status === 'approved')
      await db.insert(notices).values({
        schoolId: row.schoolId,
        planId: row.planId,
        version: 1,
        content: row.content,
        publishedAt: new Date('2026-08-30T02:00:00Z'),
      });
    springTerm[where] = (
      await buildTerm(db, county[where], {
        code: '2026-2027-2',
        firstDay: '2027-02-22',
        lastDay: '2027-07-09',
        unifiedStartDate: null,
      })
    ).termId;
  }
  const world: World = {
    city,
    county,
    school,
    child,
    term,
    plan,
    springTerm,
    guardianChild: guardian.child?.studentId as string,
    otherFamilyChild: otherFamily.child?.studentId as string,
    guardianUserId: guardian.user.id,
    otherFamilyUserId: otherFamily.user.id,
    staffUserId: {} as World['staffUserId'],
  };
  actors.set('cityBureau', await signIn(t, (await buildMember(db, 'bureau', { region: city })).user.id));
  actors.set('bureau', await signIn(t, (await buildMember(db, 'bureau', { region: county.own })).user.id));
  for (const role of ['school_admin', 'care_teacher', 'duty_chief', 'gate_guard'] as const) {
    const { user } = await buildMember(db, role, { school: school.own });
    world.staffUserId[role] = user.id;
    actors.set(role, await signIn(t, user.id));
  }
  actors.set('guardian', await signIn(t, guardian.user.id));
  return { t, world, actors };
}

// One describe per case, one test per actor and scope. `prepare` adds the feature's own rows (staff,
// enrollments…) to the world once, before the cases run.
export function describeMatrix<X>(
  title: string,
  cases: Case<X>[],
  prepare: Prepare<X> = async () => undefined as X,
  // More tests in the same world: `m` is filled in before they run.
  more?: (m: Matrix & { extra: X }) => void,
) {
  describe(title, () => {
    const m = {} as Matrix & { extra: X };
    let n = 0;
    beforeAll(async () => {
      const built = await buildMatrixWorld();
      Object.assign(m, built, { extra: await prepare(built.t.database.db, built.world) });
    });
    afterAll(async () => {
      await m.t?.close();
    });

    for (const c of cases) {
      describe(c.name, () => {
        for (const who of WHO) {
          for (const where of WHERE) {
            const expected = who === 'anonymous' ? 401 : (c.allowed[who]?.[where] ?? 403);
            it(`${who} · ${where} → ${expected}`, async () => {
              const { t, world, actors, extra } = m;
              const req = c.request(world, where, ++n, extra);
              const shared = actors.get(who);
              const actor = shared && c.endsSession ? await signIn(t, shared.userId) : shared;
              const res = actor
                ? await actor.request({ method: req.method, url: req.url, payload: req.payload as object })
                : await t.app.inject({ method: req.method, url: req.url, payload: req.payload as object });
              expect(res.statusCode, res.body).toBe(expected);
              if (expected >= 400) {
                expect(res.json()).toEqual(
                  expect.objectContaining({
                    error: expect.any(String),
                    message: expect.stringContaining(' / '),
                  }),
                );
              }
            });
          }
        }
      });
    }
    more?.(m);
  });
}
