import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classes, guardianships, schools, students } from '../../../db/schema.js';
import { errorResponse } from '../../schemas.js';

export const childSchema = z.object({
  schoolId: z.uuid(),
  schoolName: z.string(),
  studentId: z.uuid(),
  name: z.string(),
  grade: z.number().int(),
  className: z.string(),
  relation: z.string(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/guardian/children',
    {
      schema: {
        tags: ['guardian'],
        summary: '我的孩子 / The signed-in guardian’s own children',
        response: { 200: z.object({ items: z.array(childSchema) }), 401: errorResponse },
      },
    },
    async (request) => {
      const { db, actor } = await request.requireActor();
      // Scoped by construction: only rows linking this user to a child.
      const items = await db
        .select({
          schoolId: schools.schoolId,
          schoolName: schools.name,
          studentId: students.studentId,
          name: students.name,
          grade: classes.grade,
          className: classes.name,
          relation: guardianships.relation,
        })
        .from(guardianships)
        .innerJoin(
          students,
          and(eq(students.schoolId, guardianships.schoolId), eq(students.studentId, guardianships.studentId)),
        )
        .innerJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)),
        )
        .innerJoin(schools, eq(schools.schoolId, students.schoolId))
        .where(eq(guardianships.userId, actor.userId))
        .orderBy(asc(students.name));
      return { items };
    },
  );
};

export default routes;
