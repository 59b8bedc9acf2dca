import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classes, students } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { errorResponse, pageQuery, queryInteger, typedString } from '../../schemas.js';

export const studentSchema = z.object({
  id: z.uuid(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  grade: z.number().int(),
  className: z.string(),
});

const listQuery = z.strictObject({
  q: typedString(40).optional(),
  grade: queryInteger(1, 9).optional(),
  ...pageQuery,
});

const columns = {
  id: students.studentId,
  studentNo: students.studentNo,
  name: students.name,
  gender: students.gender,
  grade: classes.grade,
  className: classes.name,
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function listStudents(ctx: ActorContext, schoolId: string, query: z.infer<typeof listQuery>) {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'student.list', { regionPath: scope.regionPath, schoolId });
  const conditions: SQL[] = [eq(students.schoolId, schoolId)];
  if (query.grade) conditions.push(eq(classes.grade, query.grade));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    const match = or(ilike(students.name, pattern), ilike(students.studentNo, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);
  const join = and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId));
  const [totalRow] = await ctx.db
    .select({ total: count() })
    .from(students)
    .innerJoin(classes, join)
    .where(where);
  const items = await ctx.db
    .select(columns)
    .from(students)
    .innerJoin(classes, join)
    .where(where)
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNo))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items, total: totalRow?.total ?? 0 };
}

async function getStudent(ctx: ActorContext, schoolId: string, studentId: string) {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  const [row] = await ctx.db
    .select(columns)
    .from(students)
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .where(and(eq(students.schoolId, schoolId), eq(students.studentId, studentId)));
  // Same answer whether the child does not exist or is not the actor's to see: ids of other
  // families' children are not confirmed.
  if (!row || !(await canRead(ctx, scope.regionPath, schoolId, studentId))) {
    throw new AppError('NOT_FOUND', { zh: '找不到该学生', en: 'No such student' });
  }
  return row;
}

async function canRead(ctx: ActorContext, regionPath: string, schoolId: string, studentId: string) {
  try {
    authorize(ctx.actor, 'student.read', { regionPath, schoolId, studentId });
    return true;
  } catch {
    return false;
  }
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/students',
    {
      schema: {
        tags: ['students'],
        summary: '学生名单 / Students of a school',
        params: z.object({ schoolId: z.uuid() }),
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(studentSchema), total: z.number().int() }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => listStudents(await request.requireActor(), request.params.schoolId, request.query),
  );

  app.get(
    '/api/schools/:schoolId/students/:studentId',
    {
      schema: {
        tags: ['students'],
        summary: '学生信息 / A student',
        params: z.object({ schoolId: z.uuid(), studentId: z.uuid() }),
        response: { 200: studentSchema, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      getStudent(await request.requireActor(), request.params.schoolId, request.params.studentId),
  );
};

export default routes;
