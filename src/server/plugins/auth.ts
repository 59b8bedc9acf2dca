// Reads the session cookie on every API request (once its body is read), enforces CSRF protection on
// cookie-authenticated writes, and gives routes `request.requireActor()`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../../db/connect.js';
import type { Clock } from '../clock.js';
import type { ActorContext, RequestMeta, UseCaseContext } from '../context.js';
import { AppError } from '../errors.js';
import { type LoadedActor, loadActor } from '../features/auth/actor.js';
import { csrfMatches, findSession, type LiveSession, SESSION_COOKIE } from '../features/auth/sessions.js';
import { idempotencyWanted } from './idempotency.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: LiveSession | null;
    sessionExpired: boolean;
    loadedActor: LoadedActor | null;
    meta(): RequestMeta;
    context(): UseCaseContext;
    requireSession(): LiveSession;
    requireActor(): Promise<ActorContext & { loaded: LoadedActor; session: LiveSession }>;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// These start a new session, or (the unlock) touch no session at all, and do not act on the current
// one; the Origin check still applies.
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/auth/unlock', '/api/setup']);
// What an account signed in with a one-time code may do before it has a password (issue 13.11):
// read its session, set the password, sign out. Every other route refuses it, whatever the client.
const BEFORE_FIRST_PASSWORD = new Set([
  'GET /api/auth/session',
  'POST /api/auth/first-password',
  'POST /api/auth/logout',
]);

export default fp(async function auth(
  app: FastifyInstance,
  options: { database: Database; clock: Clock; accountClock: Clock },
) {
  const { database, clock, accountClock } = options;
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('loadedActor', null);
  app.decorateRequest('meta', function meta(this: FastifyRequest): RequestMeta {
    const ua = this.headers['user-agent'];
    return { ip: this.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
  });
  app.decorateRequest('context', function context(this: FastifyRequest): UseCaseContext {
    return { db: database.db, database, clock, accountClock, meta: this.meta() };
  });
  app.decorateRequest('requireSession', function requireSession(this: FastifyRequest): LiveSession {
    if (this.session) return this.session;
    throw new AppError(this.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  });
  app.decorateRequest('requireActor', async function requireActor(this: FastifyRequest) {
    const session = this.requireSession();
    this.loadedActor ??= await loadActor(database.db, session.userId);
    return { ...this.context(), actor: this.loadedActor.actor, loaded: this.loadedActor, session };
  });

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') && UNSAFE.has(request.method)) checkOrigin(request);
  });

  // After the body is read (preValidation), so that an idempotent write's key can be reserved in the
  // session's own query (plugins/idempotency.ts): one round trip for both.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const write = UNSAFE.has(request.method) && !CSRF_EXEMPT.has(request.url.split('?')[0] ?? '');
    const given = request.headers['x-csrf-token'];
    const csrfToken = typeof given === 'string' ? given : undefined;
    const wanted = idempotencyWanted(request);
    const found = await findSession(database.db, token, accountClock, {
      withActor: true,
      ...(wanted && csrfToken ? { reserve: { ...wanted, csrfToken } } : {}),
    });
    if (found.status === 'expired') request.sessionExpired = true;
    if (found.status !== 'live') return;
    // Cookie-authenticated writes must carry the session's CSRF token in a header, which a page of
    // another site cannot read or set.
    if (write && !csrfMatches(found.session.csrfToken, csrfToken)) throw new AppError('CSRF_REJECTED');
    if (
      found.session.user.mustSetPassword &&
      !BEFORE_FIRST_PASSWORD.has(`${request.method} ${request.url.split('?')[0] ?? ''}`)
    ) {
      throw new AppError('PASSWORD_NOT_SET');
    }
    request.session = found.session;
    request.loadedActor = found.actor;
    if (wanted && found.key) request.idempotencyKey = { ...wanted, ...found.key };
  });
});

// A browser always sends Origin on cross-site writes: refuse any that names another host.
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('CSRF_REJECTED');
  }
  const forwarded = request.headers['x-forwarded-host'];
  const expected = (typeof forwarded === 'string' && forwarded) || request.headers.host;
  if (host !== expected) throw new AppError('CSRF_REJECTED');
}
