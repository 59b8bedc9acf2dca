// Loads what the authorization policy needs about a user: every active membership with its scope.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { guardianships, regionMemberships, regions, schoolMemberships, schools } from '../../../db/schema.js';
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

export async function loadActor(db: Db, userId: string): Promise<LoadedActor> {
  const regionRows = await db
    .select({
      membershipId: regionMemberships.membershipId,
      regionId: regions.id,
      regionPath: regions.path,
      regionName: regions.name,
    })
    .from(regionMemberships)
    .innerJoin(regions, eq(regions.id, regionMemberships.regionId))
    .where(and(eq(regionMemberships.userId, userId), isNull(regionMemberships.revokedAt)));
  const schoolRows = await db
    .select({
      membershipId: schoolMemberships.membershipId,
      role: schoolMemberships.role,
      schoolId: schools.schoolId,
      schoolName: schools.name,
      regionPath: regions.path,
    })
    .from(schoolMemberships)
    .innerJoin(schools, eq(schools.schoolId, schoolMemberships.schoolId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(and(eq(schoolMemberships.userId, userId), isNull(schoolMemberships.revokedAt)));
  const guardianSchoolIds = schoolRows.filter((r) => r.role === 'guardian').map((r) => r.schoolId);
  const children =
    guardianSchoolIds.length === 0
      ? []
      : await db
          .select({ schoolId: guardianships.schoolId, studentId: guardianships.studentId })
          .from(guardianships)
          .where(and(eq(guardianships.userId, userId), inArray(guardianships.schoolId, guardianSchoolIds)));

  const memberships: ActorMembership[] = [];
  const views: MembershipView[] = [];
  for (const r of regionRows) {
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
  for (const r of schoolRows) {
    if (r.role === 'bureau') continue; // excluded by a check constraint; narrows the type
    memberships.push({
      membershipId: r.membershipId,
      role: r.role,
      schoolId: r.schoolId,
      schoolRegionPath: r.regionPath,
      ...(r.role === 'guardian'
        ? { childIds: children.filter((c) => c.schoolId === r.schoolId).map((c) => c.studentId) }
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
