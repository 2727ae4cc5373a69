// Responses go out through the routes' declared schemas (src/http/replies.ts):
// zod parses the handler's result against the schema of the status sent, which
// drops every field the schema does not name, and the result is stringified. A
// result that does not fit its schema is a fault of ours (500, logged), never
// sent as it is. The same schemas describe the routes in /api/openapi.json.
import type { FastifyInstance, FastifySchema } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorBody } from '../contract/errors.js';
import { contractRegistry } from '../contract/registry.js';
import { alternateContent, COMMON_CODES, errorReplies } from './replies.js';

const errorShape = z.object({ error: ApiErrorBody });

const isZod = (schema: unknown): schema is z.ZodType => schema instanceof z.ZodType;

export class ResponseContractError extends Error {
  constructor(
    readonly url: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `The response of ${url} does not fit its schema: ${z.prettifyError({ issues } as z.ZodError)}`,
    );
  }
}

/** Fastify's serializer compiler: one serializer per route, status and content type. */
export function serializerCompiler({ schema, url }: { schema: unknown; url: string }) {
  if (!isZod(schema)) return (data: unknown) => JSON.stringify(data);
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (!result.success) {
      // The error handler's answer at a status whose schema is not the error
      // shape (GET /api/ready's 503): sent in the one error shape.
      const error = errorShape.safeParse(data);
      if (error.success) return JSON.stringify(error.data);
      throw new ResponseContractError(url, result.error.issues);
    }
    return JSON.stringify(result.data);
  };
}

/**
 * Every route that declares its answers also answers the common errors (bad
 * input, a fault, the database away): added here, before @fastify/swagger
 * reads the route, so routes list only their own codes.
 */
export function addCommonErrors(app: FastifyInstance) {
  const common = errorReplies(COMMON_CODES);
  app.addHook('onRoute', (route) => {
    const schema = route.schema as (FastifySchema & { hide?: boolean }) | undefined;
    if (!schema?.response || schema.hide) return;
    const response = schema.response as Record<string, unknown>;
    for (const [status, reply] of Object.entries(common)) {
      response[status] ??= reply;
    }
  });
}

const zodTransform = createJsonSchemaTransform({ schemaRegistry: contractRegistry });

/**
 * @fastify/swagger's transform: zod schemas to JSON Schema; non-JSON answers
 * (CSV, files, redirects, the websocket upgrade) are declared in OpenAPI's own
 * terms already and pass as they are.
 */
export const openapiTransform: typeof zodTransform = (input) => {
  const response = input.schema?.response as Record<string, unknown> | undefined;
  if (!response) return zodTransform(input);
  const raw = Object.entries(response).filter(([, r]) => !isZod(r));
  const zodOnly = Object.fromEntries(Object.entries(response).filter(([, r]) => isZod(r)));
  const out = zodTransform({ ...input, schema: { ...input.schema, response: zodOnly } });
  const schema = out.schema as { response?: Record<string, Record<string, unknown>> };
  for (const [status, reply] of Object.entries(zodOnly)) {
    const other = alternateContent.get(reply as z.ZodType);
    const json = schema.response?.[status];
    if (other && json) {
      const { description, ...jsonSchema } = json;
      schema.response![status] = {
        description: description ?? 'JSON',
        content: { 'application/json': { schema: jsonSchema }, ...other },
      };
    }
  }
  schema.response = { ...schema.response, ...(Object.fromEntries(raw) as typeof schema.response) };
  return out;
};

const withComponents = createJsonSchemaTransformObject({ schemaRegistry: contractRegistry });

/**
 * Puts the named schemas (src/contract/registry.ts) in components.schemas; the
 * input twin of an answer's schema (`…Input`) only when some request uses it.
 */
export const openapiTransformObject: typeof withComponents = (input) => {
  const doc = withComponents(input) as { paths?: unknown; components?: { schemas?: object } };
  const used = JSON.stringify(doc.paths ?? {});
  const schemas = Object.entries(doc.components?.schemas ?? {}).filter(
    ([id]) => !id.endsWith('Input') || used.includes(`#/components/schemas/${id}"`),
  );
  return {
    ...doc,
    components: { ...doc.components, schemas: Object.fromEntries(schemas) },
  } as ReturnType<typeof withComponents>;
};
