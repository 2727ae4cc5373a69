// Checks every request passes before any route sees it: text the database
// cannot store (NUL, lone surrogates) in a path parameter, the query or a JSON
// body is refused with the field named; a multipart body without a boundary
// is refused before the parser trips on it; URLs Fastify cannot decode get the
// documented error shape. Routes then only validate what is theirs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../domain/text.js';
import { AppError } from '../errors.js';

function refuseUnsafeText(value: unknown, prefix: string | null) {
  const found = findUnsafeText(value);
  if (!found) return;
  const field = [prefix, found.path].filter(Boolean).join('.') || 'body';
  throw new AppError('validation_failed', UNSAFE_TEXT_MESSAGE[found.problem], field);
}

/** Path parameters and query string, checked before authentication or a route's own hooks. */
export async function checkUrlInput(request: FastifyRequest) {
  // Path parameters and query parameters are named as they are (`id`, `channelKey`).
  refuseUnsafeText(request.params, null);
  refuseUnsafeText(request.query, null);
  const type = request.headers['content-type'];
  if (type && /^\s*multipart\//i.test(type) && !/;\s*boundary=/i.test(type))
    throw new AppError(
      'validation_failed',
      'A multipart body needs a boundary in its Content-Type.',
      'content-type',
    );
}

/** A parsed JSON body (raw Buffers of the channel webhooks are theirs to clean). */
export async function checkBodyText(request: FastifyRequest) {
  if (request.body === undefined || Buffer.isBuffer(request.body)) return;
  refuseUnsafeText(request.body, null);
}

/**
 * Errors Fastify raises before routing: a URL that is not valid
 * percent-encoded UTF-8 answers 400 in the documented shape.
 */
export function frameworkErrors(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error.code === 'FST_ERR_BAD_URL') {
    return reply.status(400).send({
      error: {
        code: 'validation_failed',
        message: 'The URL is not valid: it has a malformed percent-encoding.',
        field: 'url',
      },
    });
  }
  request.log.error(error);
  return reply.status(500).send({
    error: { code: 'internal', message: 'Something went wrong on our side.', field: null },
  });
}

export function registerInputGuards(app: FastifyInstance) {
  // The API speaks JSON (and multipart for uploads): a text/plain body is a
  // wrong content type (415) like any other, not a string that fails later.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', checkUrlInput);
  app.addHook('preValidation', checkBodyText);
}

export const NOTHING_TO_CHANGE = 'Nothing to change: send at least one field.';

/**
 * The body of a PATCH: every field optional, but at least one present. An
 * empty change is a client mistake, answered 400 instead of a silent no-op.
 */
export function changeSet<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object(shape)
    .refine((body) => Object.values(body).some((v) => v !== undefined), NOTHING_TO_CHANGE);
}
