// `Idempotency-Key` on writes (issue 5, B-4 "works through a dead network"). A phone that lost its
// answer sends the same write again with the same key: the first request is done once and its answer
// kept; every retry gets that answer back (header `idempotent-replay: true`) without doing it again.
//
// - Keys are per account (a key of another user is another key) and live for KEY_TTL_MS.
// - The same key with a different method, path or body is refused (IDEMPOTENCY_KEY_REUSED), so a bug
//   that reuses keys cannot silently drop a write.
// - The key is reserved in the session's own query (plugins/auth.ts, features/auth/sessions.ts), for
//   a live session whose CSRF token matches; this plugin then acts on what that query found.
// - While the first request is still running, a retry is told to wait (IDEMPOTENCY_IN_PROGRESS); a
//   reservation left by a process that died is taken over after STALE_PENDING_MS.
// - A 5xx answer is not kept: the retry does the work.
// The writes that matter most also carry a natural key the database enforces (a mark's own id, one
// release per child and day), so even a crash between the write and keeping the answer cannot make
// a duplicate.
import { createHash } from 'node:crypto';
import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Db } from '../../db/connect.js';
import { executeNamed } from '../../db/named-query.js';
import { idempotencyKeys } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { KeyLookup } from '../features/auth/sessions.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const KEY_TTL_MS = 7 * 24 * 3600_000;
const STALE_PENDING_MS = 60_000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    // The key held by this request: its answer is stored when it is sent.
    idempotency: { userId: string; key: string } | null;
    // The key of this write and what the session's query found of it (plugins/auth.ts).
    idempotencyKey: (IdempotencyWanted & KeyLookup) | null;
  }
}

export function requestHash(request: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');
}

export interface IdempotencyWanted {
  key: string;
  requestHash: string;
}

// The Idempotency-Key of a write, or null (not a write, or no header). A malformed key is refused.
function keyOf(request: FastifyRequest): string | null {
  if (!UNSAFE.has(request.method)) return null;
  const given = request.headers[IDEMPOTENCY_HEADER];
  if (given === undefined) return null;
  const key = Array.isArray(given) ? given[0] : given;
  if (!key || !KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION_FAILED', {
      zh: 'Idempotency-Key 须为 8–200 个字母、数字或 _ . : -',
      en: 'Idempotency-Key must be 8–200 letters, digits or _ . : -',
      details: { fields: [{ path: 'headers.idempotency-key', message: 'invalid' }] },
    });
  }
  return key;
}

// The key of a write and the hash of the request (method, path, body as read), or null when there is
// none to keep — no key, or a multipart upload (uploads are not replayed by the offline queue). The
// auth plugin reserves the key in the session's query.
export function idempotencyWanted(request: FastifyRequest): IdempotencyWanted | null {
  const key = keyOf(request);
  if (key === null || request.isMultipart()) return null;
  return { key, requestHash: requestHash(request) };
}

export default fp(async function idempotency(
  app: FastifyInstance,
  options: { database: Database; clock: Clock },
) {
  const { db } = options.database;
  app.decorateRequest('idempotency', null);
  app.decorateRequest('idempotencyKey', null);

  // A malformed key is refused, with a session or without.
  app.addHook('preValidation', async (request) => {
    keyOf(request);
  });

  app.addHook('preHandler', async (request, reply) => {
    const found = request.idempotencyKey;
    // Without a session the route answers 401 itself.
    if (!found || !request.session) return;
    const userId = request.session.userId;
    const { key } = found;
    if (found.reserved) {
      request.idempotency = { userId, key };
      return;
    }
    const row = found.stored;
    // Reserved by a request not yet finished, and not visible to the session's query.
    if (!row) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (row.requestHash !== found.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (row.responseStatus === null) {
      // A reservation whose request never finished (the process stopped): take it over.
      const now = options.clock.now();
      const [taken] = await db
        .update(idempotencyKeys)
        .set({ createdAt: now })
        .where(
          and(
            eq(idempotencyKeys.userId, userId),
            eq(idempotencyKeys.key, key),
            sql`${idempotencyKeys.responseStatus} is null`,
            lt(idempotencyKeys.createdAt, new Date(now.getTime() - STALE_PENDING_MS)),
          ),
        )
        .returning({ key: idempotencyKeys.key });
      if (!taken) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      request.idempotency = { userId, key };
      return;
    }
    return reply
      .code(row.responseStatus)
      .header('content-type', 'application/json; charset=utf-8')
      .header('idempotent-replay', 'true')
      .send(row.responseBody ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    if (
      reply.statusCode >= 500 ||
      (typeof payload !== 'string' && payload !== null && payload !== undefined)
    ) {
      await db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, held.userId), eq(idempotencyKeys.key, held.key)));
      return payload;
    }
    await executeNamed(
      db,
      'kehou_idempotency_answer',
      sql`update idempotency_keys set response_status = ${reply.statusCode},
        response_body = ${typeof payload === 'string' ? payload : ''}
        where user_id = ${held.userId} and key = ${held.key}`,
    );
    return payload;
  });
});

// The statement that keeps a request's answer, for a route that writes it in its own transaction
// (the roll call: one round trip less). The route then sends exactly `body` and clears
// `request.idempotency` once its transaction has committed, so that onSend does not write it again.
export function answerStatement(held: { userId: string; key: string }, status: number, body: string): SQL {
  return sql`update idempotency_keys set response_status = ${status}, response_body = ${body}
    where user_id = ${held.userId} and key = ${held.key} returning 1`;
}

// Keys older than KEY_TTL_MS are forgotten (run with the session pruning).
export async function pruneIdempotencyKeys(db: Db, clock: Clock): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(clock.now().getTime() - KEY_TTL_MS)));
}
