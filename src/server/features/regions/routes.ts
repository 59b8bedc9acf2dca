import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regions } from '../../../db/schema.js';
import { childLevel } from '../../../domain/school.js';
import { recordAudit } from '../../audit.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { authorize, listScope, loadRegionScope, scopeCondition } from '../../policies/authorize.js';
import { errorResponse, text } from '../../schemas.js';

export const regionSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: z.enum(['province', 'city', 'county']),
  code: z.string(),
  name: z.string(),
});

export const regionCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: '行政区划代码为 6 位数字 / The division code has 6 digits' });

const createRegionBody = z.strictObject({ code: regionCode, name: text(50) });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '可见的地区 / Regions in the actor’s scope',
        response: { 200: z.object({ items: z.array(regionSchema) }), 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { actor, db } = await request.requireActor();
      const condition = scopeCondition(listScope(actor, 'region.read'), {
        schoolId: regions.id,
        regionPath: regions.path,
      });
      if (!condition) throw new AppError('FORBIDDEN');
      const items = await db
        .select({
          id: regions.id,
          parentId: regions.parentId,
          level: regions.level,
          code: regions.code,
          name: regions.name,
        })
        .from(regions)
        .where(condition)
        .orderBy(asc(regions.path));
      return { items };
    },
  );

  app.post(
    '/api/regions/:regionId/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '新建下级地区 / Create a region below this one',
        params: z.object({ regionId: z.uuid() }),
        body: createRegionBody,
        response: {
          201: regionSchema,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const ctx = await request.requireActor();
      const parent = await loadRegionScope(ctx.db, request.params.regionId);
      const id = crypto.randomUUID();
      const path = `${parent.path}/${id}`;
      authorize(ctx.actor, 'region.create', { regionPath: path });
      const level = childLevel(parent.level as 'province' | 'city' | 'county');
      if (!level) {
        throw new AppError('VALIDATION_FAILED', {
          zh: '区县以下不能再建地区',
          en: 'A county has no regions below it',
        });
      }
      const existing = await ctx.db
        .select({ id: regions.id })
        .from(regions)
        .where(eq(regions.code, request.body.code));
      if (existing.length > 0) throw new AppError('REGION_CODE_TAKEN');
      const created = await ctx.db
        .transaction(async (tx) => {
          const [row] = await tx
            .insert(regions)
            .values({
              id,
              parentId: parent.id,
              level,
              code: request.body.code,
              name: request.body.name,
              path,
            })
            .returning({
              id: regions.id,
              parentId: regions.parentId,
              level: regions.level,
              code: regions.code,
              name: regions.name,
            });
          await recordAudit(tx, ctx.meta, {
            actorUserId: ctx.actor.userId,
            action: 'region.create',
            objectType: 'region',
            objectId: id,
            regionId: id,
            at: ctx.clock.now(),
            details: { code: request.body.code, name: request.body.name },
          });
          if (!row) throw new Error('insert returned nothing');
          return row;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'regions_code_key')) throw new AppError('REGION_CODE_TAKEN');
          throw error;
        });
      return reply.status(201).send(created);
    },
  );
};

export default routes;
