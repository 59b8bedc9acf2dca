// Loads what the authorization policy needs about a user: every active membership with its scope,
// in one query (with the session's, when the auth plugin reads both; see sessions.ts).
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import type { Actor, ActorMembership } from '../../policies/policy.js';

export interface MembershipView {
  id: string;
  role: ActorMembership['role'];
  regionId: string | null;
  regionName: string | null;
  schoolId: string | null;
  schoolName: string | null;
}

export interface LoadedActor {
  actor: Actor;
  memberships: MembershipView[];
}

// What the policy needs about the account behind `userId` (an SQL expression: a parameter, or the
// session's column when read with the session), as three JSON columns of one row: region memberships,
// school memberships, and the children of the schools where the account is a guardian.
export function actorColumns(userId: SQL): SQL {
  return sql`
    coalesce((
      select json_agg(json_build_object('membershipId', rm.membership_id, 'regionId', r.id,
        'regionPath', r.path, 'regionName', r.name))
      from region_memberships rm join regions r on r.id = rm.region_id
      where rm.user_id = ${userId} and rm.revoked_at is null
    ), '[]'::json) as actor_regions,
    coalesce((
      select json_agg(json_build_object('membershipId', sm.membership_id, 'role', sm.role,
        'schoolId', sc.school_id, 'schoolName', sc.name, 'regionPath', r.path))
      from school_memberships sm
      join schools sc on sc.school_id = sm.school_id
      join regions r on r.id = sc.region_id
      where sm.user_id = ${userId} and sm.revoked_at is null
    ), '[]'::json) as actor_schools,
    coalesce((
      select json_agg(json_build_object('schoolId', g.school_id, 'studentId', g.student_id))
      from guardianships g
      where g.user_id = ${userId} and exists (
        select 1 from school_memberships sm
        where sm.user_id = g.user_id and sm.school_id = g.school_id and sm.role = 'guardian'
          and sm.revoked_at is null)
    ), '[]'::json) as actor_children`;
}

export interface ActorColumns {
  actor_regions: { membershipId: string; regionId: string; regionPath: string; regionName: string }[];
  actor_schools: {
    membershipId: string;
    role: MembershipView['role'];
    schoolId: string;
    schoolName: string;
    regionPath: string;
  }[];
  actor_children: { schoolId: string; studentId: string }[];
}

export function actorFrom(userId: string, row: ActorColumns): LoadedActor {
  const memberships: ActorMembership[] = [];
  const views: MembershipView[] = [];
  for (const r of row.actor_regions) {
    memberships.push({
      membershipId: r.membershipId,
      role: 'bureau',
      regionId: r.regionId,
      regionPath: r.regionPath,
    });
    views.push({
      id: r.membershipId,
      role: 'bureau',
      regionId: r.regionId,
      regionName: r.regionName,
      schoolId: null,
      schoolName: null,
    });
  }
  for (const r of row.actor_schools) {
    if (r.role === 'bureau') continue; // excluded by a check constraint; narrows the type
    memberships.push({
      membershipId: r.membershipId,
      role: r.role,
      schoolId: r.schoolId,
      schoolRegionPath: r.regionPath,
      ...(r.role === 'guardian'
        ? {
            childIds: row.actor_children.filter((c) => c.schoolId === r.schoolId).map((c) => c.studentId),
          }
        : {}),
    });
    views.push({
      id: r.membershipId,
      role: r.role,
      regionId: null,
      regionName: null,
      schoolId: r.schoolId,
      schoolName: r.schoolName,
    });
  }
  return { actor: { userId, memberships }, memberships: views };
}

export async function loadActor(db: Pick<Db, 'execute'>, userId: string): Promise<LoadedActor> {
  const result = await db.execute<ActorColumns & Record<string, unknown>>(
    sql`select ${actorColumns(sql`${userId}::uuid`)}`,
  );
  return actorFrom(userId, result.rows[0] as ActorColumns);
}
