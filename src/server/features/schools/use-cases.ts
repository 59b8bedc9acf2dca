import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { regions, schools, students } from '../../../db/schema.js';
import { gradesProblem, gradesProblemMessages, type SchoolType } from '../../../domain/school.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import {
  authorize,
  listScope,
  loadRegionScope,
  loadSchoolScope,
  scopeCondition,
} from '../../policies/authorize.js';
import { forgetSchool } from '../plans/plan-setting.js';
import type { CreateSchoolBody, School, UpdateSchoolBody } from './schemas.js';

const studentsOnRecord = sql<number>`(select count(*)::int from ${students} where ${students.schoolId} = ${schools.schoolId})`;

function selectSchools(db: Db) {
  return db
    .select({
      id: schools.schoolId,
      code: schools.code,
      name: schools.name,
      type: schools.type,
      regionId: schools.regionId,
      regionName: regions.name,
      grades: schools.grades,
      teacherCount: schools.teacherCount,
      studentCount: schools.studentCount,
      studentsOnRecord,
      address: schools.address,
      phone: schools.phone,
    })
    .from(schools)
    .innerJoin(regions, eq(regions.id, schools.regionId));
}

export async function listSchools(ctx: ActorContext): Promise<School[]> {
  const condition = scopeCondition(listScope(ctx.actor, 'school.read'), {
    schoolId: schools.schoolId,
    regionPath: regions.path,
  });
  if (!condition) return [];
  return selectSchools(ctx.db).where(condition).orderBy(asc(regions.path), asc(schools.code));
}

export async function getSchool(ctx: ActorContext, schoolId: string): Promise<School> {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'school.read', { regionPath: scope.regionPath, schoolId });
  const [school] = await selectSchools(ctx.db).where(eq(schools.schoolId, schoolId));
  if (!school) throw new AppError('NOT_FOUND');
  return school;
}

export async function createSchool(
  ctx: ActorContext,
  regionId: string,
  input: CreateSchoolBody,
): Promise<School> {
  const region = await loadRegionScope(ctx.db, regionId);
  authorize(ctx.actor, 'school.create', { regionPath: region.path });
  if (region.level === 'province') {
    throw new AppError('VALIDATION_FAILED', {
      zh: '学校须属于市或区县，不能直接属于省',
      en: 'A school belongs to a city or county, not directly to a province',
    });
  }
  const id = await ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(schools)
        .values({
          regionId,
          code: input.code,
          name: input.name,
          type: input.type,
          grades: [...input.grades].sort((a, b) => a - b),
          teacherCount: input.teacherCount,
          studentCount: input.studentCount,
          address: input.address ?? null,
          phone: input.phone ?? null,
        })
        .returning({ id: schools.schoolId });
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx.meta, {
        actorUserId: ctx.actor.userId,
        action: 'school.create',
        objectType: 'school',
        objectId: row.id,
        schoolId: row.id,
        regionId,
        at: ctx.clock.now(),
        details: { code: input.code, name: input.name },
      });
      return row.id;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'schools_code_key')) throw new AppError('SCHOOL_CODE_TAKEN');
      throw error;
    });
  return getSchool(ctx, id);
}

export async function updateSchool(
  ctx: ActorContext,
  schoolId: string,
  input: UpdateSchoolBody,
): Promise<School> {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'school.update', { regionPath: scope.regionPath, schoolId });
  const [current] = await ctx.db
    .select({ type: schools.type, grades: schools.grades })
    .from(schools)
    .where(eq(schools.schoolId, schoolId));
  if (!current) throw new AppError('NOT_FOUND');
  if (input.grades) {
    const problem = gradesProblem(current.type as SchoolType, input.grades);
    if (problem) {
      const m = gradesProblemMessages[problem];
      throw new AppError('VALIDATION_FAILED', {
        zh: m.zh,
        en: m.en,
        details: { fields: [{ path: 'body.grades', message: `${m.zh} / ${m.en}` }] },
      });
    }
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(schools)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.grades !== undefined ? { grades: [...input.grades].sort((a, b) => a - b) } : {}),
        ...(input.teacherCount !== undefined ? { teacherCount: input.teacherCount } : {}),
        ...(input.studentCount !== undefined ? { studentCount: input.studentCount } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
      })
      .where(eq(schools.schoolId, schoolId));
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'school.update',
      objectType: 'school',
      objectId: schoolId,
      schoolId,
      regionId: scope.regionId,
      at: ctx.clock.now(),
      details: { changed: Object.keys(input) },
    });
  });
  forgetSchool(schoolId);
  return getSchool(ctx, schoolId);
}
