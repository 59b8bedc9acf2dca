import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { schoolMemberships, users } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { STAFF_ROLES, type StaffRole } from '../../policies/policy.js';
import { errorResponse, maskPhone, mobilePhone, roleSchema, text, username } from '../../schemas.js';
import { insertUser, prepareUser } from './create-user.js';

export const memberSchema = z.object({
  membershipId: z.uuid(),
  userId: z.uuid(),
  username: z.string().nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role: roleSchema,
  createdAt: z.iso.datetime({ offset: true }),
});

const createMemberBody = z.strictObject({
  username,
  displayName: text(30),
  phone: mobilePhone.nullable().optional(),
  role: z.enum(STAFF_ROLES),
  password: z.string().min(1).max(256),
});

async function listMembers(ctx: ActorContext, schoolId: string) {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'member.list', { regionPath: scope.regionPath, schoolId });
  const rows = await ctx.db
    .select({
      membershipId: schoolMemberships.membershipId,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      phone: users.phone,
      role: schoolMemberships.role,
      createdAt: schoolMemberships.createdAt,
    })
    .from(schoolMemberships)
    .innerJoin(users, eq(users.id, schoolMemberships.userId))
    .where(
      and(
        eq(schoolMemberships.schoolId, schoolId),
        isNull(schoolMemberships.revokedAt),
        // Guardians are many and listed with their children (enrollment); this is the staff list.
        ne(schoolMemberships.role, 'guardian'),
      ),
    )
    .orderBy(asc(schoolMemberships.role), asc(users.displayName));
  return rows.map((r) => ({ ...r, phone: maskPhone(r.phone), createdAt: r.createdAt.toISOString() }));
}

async function createMember(ctx: ActorContext, schoolId: string, input: z.infer<typeof createMemberBody>) {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'member.create', { regionPath: scope.regionPath, schoolId, role: input.role });
  const prepared = await prepareUser(input);
  const created = await ctx.db.transaction(async (tx) => {
    const userId = await insertUser(tx, prepared);
    const [membership] = await tx
      .insert(schoolMemberships)
      .values({ schoolId, userId, role: input.role as StaffRole })
      .returning();
    if (!membership) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'member.create',
      objectType: 'user',
      objectId: userId,
      schoolId,
      regionId: scope.regionId,
      at: ctx.clock.now(),
      details: { role: input.role, username: input.username },
    });
    return { membership, userId };
  });
  return {
    membershipId: created.membership.membershipId,
    userId: created.userId,
    username: input.username,
    displayName: input.displayName,
    phone: maskPhone(input.phone ?? null),
    role: input.role,
    createdAt: created.membership.createdAt.toISOString(),
  };
}

const schoolParams = z.object({ schoolId: z.uuid() });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/schools/:schoolId/members',
    {
      schema: {
        tags: ['members'],
        summary: '学校工作人员账号 / Staff accounts of a school',
        params: schoolParams,
        response: {
          200: z.object({ items: z.array(memberSchema) }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => ({ items: await listMembers(await request.requireActor(), request.params.schoolId) }),
  );

  app.post(
    '/api/schools/:schoolId/members',
    {
      schema: {
        tags: ['members'],
        summary: '新建工作人员账号 / Create a staff account',
        params: schoolParams,
        body: createMemberBody,
        response: {
          201: memberSchema,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMember(await request.requireActor(), request.params.schoolId, request.body)),
  );
};

export default routes;
