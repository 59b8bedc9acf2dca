// The bridge between the pure policy and storage: load what an object's scope is, then ask.
import { eq, like, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.js';
import { regions, schools } from '../../db/schema.js';
import { AppError } from '../errors.js';
import {
  type Action,
  type Actor,
  can,
  isEmptyScope,
  type ListScope,
  listScope,
  type Target,
} from './policy.js';

export function authorize(actor: Actor, action: Action, target: Target): void {
  if (!can(actor, action, target)) throw new AppError('FORBIDDEN');
}

export interface SchoolScope {
  schoolId: string;
  regionId: string;
  regionPath: string;
}

export async function loadSchoolScope(db: Db, schoolId: string): Promise<SchoolScope> {
  const [row] = await db
    .select({ schoolId: schools.schoolId, regionId: schools.regionId, regionPath: regions.path })
    .from(schools)
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .where(eq(schools.schoolId, schoolId));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该学校', en: 'No such school' });
  return row;
}

export async function loadRegionScope(
  db: Db,
  regionId: string,
): Promise<{ id: string; path: string; level: string }> {
  const [row] = await db
    .select({ id: regions.id, path: regions.path, level: regions.level })
    .from(regions)
    .where(eq(regions.id, regionId));
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该地区', en: 'No such region' });
  return row;
}

// A WHERE condition limiting rows to an actor's list scope; `null` when the scope is empty (the
// caller returns nothing, or refuses).
export function scopeCondition(
  scope: ListScope,
  columns: { schoolId: AnyPgColumn; regionPath: AnyPgColumn },
): SQL | null {
  if (isEmptyScope(scope)) return null;
  const parts: SQL[] = [];
  for (const p of scope.regionPaths) {
    parts.push(eq(columns.regionPath, p));
    parts.push(like(columns.regionPath, `${p}/%`));
  }
  if (scope.schoolIds.length > 0) {
    parts.push(
      sql`${columns.schoolId} in (${sql.join(
        scope.schoolIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  return or(...parts) ?? null;
}

export { listScope };
