// The one place that turns errors into HTTP answers: `{ error: CODE, message: "中文 / English",
// details? }`. A 5xx never carries internals (stack, SQL, paths); they go to the log only.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { unstorableCharacter } from '../../domain/text.js';
import { AppError, errorBody, type FieldProblem } from '../errors.js';

function fieldPath(instancePath: string, params: Record<string, unknown> | undefined): string {
  const base = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const keys = params?.keys;
  if (Array.isArray(keys) && keys.length > 0) {
    return keys.map((k) => (base ? `${base}.${String(k)}` : String(k))).join(', ');
  }
  return base || '(body)';
}

// The first string in a request part that no text column can keep (NUL, a lone surrogate), as a
// field path; null when there is none. Every route's input passes here, whatever its schema says.
function unstorablePath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return unstorableCharacter(value) ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorablePath(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

// PostgreSQL's answer to text it cannot store (22021 character_not_in_repertoire, 22P05
// untranslatable_character): the request's fault, told as such, when the guard above missed it.
function isUnstorableText(error: unknown): boolean {
  const code =
    (error as { cause?: { code?: unknown }; code?: unknown }).cause?.code ??
    (error as { code?: unknown }).code;
  return code === '22021' || code === '22P05';
}

// What the log keeps of an error: never a query's parameters (names, phones, codes of children and
// guardians), which drizzle puts into its message.
export function loggable(error: Error): Record<string, unknown> {
  const query = (error as { query?: unknown }).query;
  if (typeof query !== 'string') return { err: error };
  const cause = (error as { cause?: { message?: unknown; code?: unknown; stack?: unknown } }).cause;
  return {
    err: {
      type: 'DrizzleQueryError',
      message: String(cause?.message ?? 'query failed'),
      code: cause?.code,
      stack: cause?.stack,
    },
    query,
  };
}

export default fp(async function errors(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const path = unstorablePath(value, part);
      if (path) {
        const message =
          '含有无法保存的字符（如 NUL）/ Contains a character that cannot be stored (such as NUL)';
        throw new AppError('VALIDATION_FAILED', {
          zh: `提交的数据有误：${path}`,
          en: `The request is not valid: ${path}`,
          details: { fields: [{ path, message }] },
        });
      }
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status === 429) {
        const retry = error.details?.retryAfterSeconds;
        if (typeof retry === 'number') reply.header('retry-after', String(retry));
      }
      return reply.status(error.status).send(errorBody(error));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldProblem[] = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}.${fieldPath(v.instancePath, v.params as Record<string, unknown>)}`,
        message: v.message ?? '',
      }));
      const names = fields.map((f) => f.path).join(', ');
      const appError = new AppError('VALIDATION_FAILED', {
        zh: `提交的数据有误：${names}`,
        en: `The request is not valid: ${names}`,
        details: { fields },
      });
      return reply.status(400).send(errorBody(appError));
    }
    const code = (error as FastifyError).code;
    const status = (error as FastifyError).statusCode ?? 500;
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && status === 400)) {
      return reply.status(400).send(errorBody(new AppError('INVALID_JSON')));
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody(new AppError('PAYLOAD_TOO_LARGE')));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody(new AppError('UNSUPPORTED_MEDIA_TYPE')));
    }
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send(errorBody(new AppError('INVALID_JSON')));
    }
    if (status === 429) {
      return reply.status(429).send(errorBody(new AppError('RATE_LIMITED')));
    }
    if (status >= 400 && status < 500) {
      return reply.status(400).send(errorBody(new AppError('VALIDATION_FAILED')));
    }
    if (isUnstorableText(error)) {
      return reply.status(400).send(errorBody(new AppError('VALIDATION_FAILED')));
    }
    request.log.error(loggable(error), 'unhandled error');
    const unavailable = /ECONNREFUSED|terminating connection|Connection terminated/.test(
      String(error.message),
    );
    return reply
      .status(unavailable ? 503 : 500)
      .send(errorBody(new AppError(unavailable ? 'DB_UNAVAILABLE' : 'INTERNAL')));
  });

  // Unknown addresses count towards the rate limit too, so probing for routes is throttled.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (_request, reply) => {
    reply.status(404).send(errorBody(new AppError('ROUTE_NOT_FOUND')));
  });
});
