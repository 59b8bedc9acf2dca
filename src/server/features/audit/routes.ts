// F-26: the audit log, searchable by admins within their scope: what was done to their school or
// region, and what their own people did (logins included).
import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLog, regions, schools, users } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, listScope, loadSchoolScope } from '../../policies/authorize.js';
import type { ListScope } from '../../policies/policy.js';
import { errorResponse, pageQuery } from '../../schemas.js';

const isoDate = z.iso.date();

const auditQuery = z
  .strictObject({
    schoolId: z.uuid().optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,60}$/)
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '开始日期不能晚于结束日期 / The start date is after the end date',
    path: ['from'],
  });

export const entrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  schoolName: z.string().nullable(),
  ip: z.string().nullable(),
});

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

function regionSubtree(paths: string[]): SQL {
  return sql.join(
    paths.map((p) => sql`(r.path = ${p} or r.path like ${`${p}/%`})`),
    sql` or `,
  );
}

// Entries about a school or region in scope, or made by a person who belongs to one.
function scopeFilter(scope: ListScope): SQL {
  const parts: SQL[] = [];
  if (scope.schoolIds.length > 0) {
    const ids = uuidList(scope.schoolIds);
    parts.push(sql`${auditLog.scopeSchoolId} in (${ids})`);
    parts.push(
      sql`${auditLog.actorUserId} in (select m.user_id from school_memberships m where m.school_id in (${ids}) and m.role <> 'guardian')`,
    );
  }
  if (scope.regionPaths.length > 0) {
    const inRegion = regionSubtree(scope.regionPaths);
    parts.push(sql`${auditLog.scopeRegionId} in (select r.id from regions r where ${inRegion})`);
    parts.push(
      sql`${auditLog.scopeSchoolId} in (select s.school_id from schools s join regions r on r.id = s.region_id where ${inRegion})`,
    );
    parts.push(
      sql`${auditLog.actorUserId} in (select m.user_id from region_memberships m join regions r on r.id = m.region_id where ${inRegion})`,
    );
    parts.push(
      sql`${auditLog.actorUserId} in (select m.user_id from school_memberships m join schools s on s.school_id = m.school_id join regions r on r.id = s.region_id where m.role <> 'guardian' and (${inRegion}))`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

// Start of a Shanghai calendar day as an instant.
function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

async function searchAudit(ctx: ActorContext, query: z.infer<typeof auditQuery>) {
  let scope: ListScope;
  if (query.schoolId) {
    const school = await loadSchoolScope(ctx.db, query.schoolId);
    authorize(ctx.actor, 'audit.read', { regionPath: school.regionPath, schoolId: query.schoolId });
    scope = { regionPaths: [], schoolIds: [query.schoolId] };
  } else {
    scope = listScope(ctx.actor, 'audit.read');
    if (scope.regionPaths.length === 0 && scope.schoolIds.length === 0) throw new AppError('FORBIDDEN');
  }
  const conditions: SQL[] = [scopeFilter(scope)];
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.from) conditions.push(gte(auditLog.at, shanghaiMidnight(query.from)));
  if (query.to) {
    conditions.push(lt(auditLog.at, new Date(shanghaiMidnight(query.to).getTime() + 24 * 3600 * 1000)));
  }
  const where = and(...conditions);
  const [totalRow] = await ctx.db.select({ total: count() }).from(auditLog).where(where);
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: users.displayName,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      schoolName: schools.name,
      regionName: regions.name,
      ip: sql<string | null>`host(${auditLog.ip})`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(schools, eq(schools.schoolId, auditLog.scopeSchoolId))
    .leftJoin(regions, eq(regions.id, auditLog.scopeRegionId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    items: rows.map(({ regionName, ...r }) => ({
      ...r,
      at: r.at.toISOString(),
      schoolName: r.schoolName ?? regionName,
    })),
    total: totalRow?.total ?? 0,
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '操作日志 / Search the audit log within scope',
        querystring: auditQuery,
        response: {
          200: z.object({ items: z.array(entrySchema), total: z.number().int() }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => searchAudit(await request.requireActor(), request.query),
  );
};

export default routes;
