// What a route answers, for its schema: `response: replies({ 200: Schema }, 'not_found')`.
// Success statuses get the zod schemas the presenters' types come from (so the
// serializer sends only what they name: src/http/serializer.ts); error statuses
// get the error shape with the codes the route can return, grouped by their
// catalog status. The codes every route can answer (bad input, faults, the
// database away) are added to every route by src/http/serializer.ts's onRoute
// hook, so a route that declares only `{ 200: Schema }` is still complete.
// How to declare one, and non-JSON answers: docs/api.md, "Declaring a route".
import type { z } from 'zod';
import { errorResponse } from '../contract/errors.js';
import { ERROR_CATALOG, type ErrorCode } from '../errors.js';

/** A non-JSON answer (CSV, a file, a redirect, a websocket upgrade), as OpenAPI describes it. */
export interface RawReply {
  description: string;
  content?: Record<string, { schema: Record<string, unknown> }>;
  headers?: Record<string, Record<string, unknown>>;
  type?: 'null';
}

export type Reply = z.ZodType | RawReply;

/** Codes any route can answer: input, the content type, a fault, the database away. */
export const COMMON_CODES: readonly ErrorCode[] = [
  'validation_failed',
  'unsupported_media_type',
  'internal',
  'database_unavailable',
];
/** A staff route: no session or token, a cookie write without CSRF, a role not allowed. */
export const STAFF: readonly ErrorCode[] = ['unauthenticated', 'csrf_failed', 'forbidden'];
/** A visitor route: no token, a site outside allowedOrigins, over budget. */
export const VISITOR: readonly ErrorCode[] = [
  'unauthenticated',
  'origin_not_allowed',
  'rate_limited',
];

export function replies<const S extends Record<number, Reply>>(
  success: S,
  ...codes: (ErrorCode | readonly ErrorCode[])[]
): S {
  return { ...errorReplies(codes.flat()), ...success };
}

/** Error responses for `codes`, one per status, each listing its codes. */
export function errorReplies(codes: readonly ErrorCode[]): Record<number, z.ZodType> {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set(codes)) {
    const { status } = ERROR_CATALOG[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [status, errorResponse(list.sort())]),
  );
}

/** Answers that also come as another content type (`format=csv`), for OpenAPI. */
export const alternateContent = new WeakMap<z.ZodType, NonNullable<RawReply['content']>>();

/** JSON by default, the same rows as CSV with `format=csv`. */
export function orCsv<T extends z.ZodType>(schema: T): T {
  const own = schema.clone() as T; // a copy of its own, so only this route gets the CSV
  alternateContent.set(own, csvReply.content!);
  return own;
}

/** A CSV download. */
export const csvReply: RawReply = {
  description: 'CSV (text/csv; charset=utf-8), with a header row',
  content: { 'text/csv': { schema: { type: 'string' } } },
};

/** A file's bytes, in its stored content type. */
export const fileReply: RawReply = {
  description: 'The file, in its stored content type',
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
};

export const noContent: RawReply = { description: 'No content', type: 'null' };
