// The one error shape every route and the websocket answer with (docs/api.md,
// Errors). Import only zod here: the web app and the widget type-check it too.
import { z } from 'zod';
import { contractRegistry, named } from './registry.js';

export const ApiErrorBody = named(
  'ApiErrorBody',
  z.object({
    /** Stable; the catalog (src/errors.ts, docs/api.md) lists them with their status. */
    code: z.string(),
    message: z.string(),
    /** The input at fault (dotted path), or null. */
    field: z.string().nullable(),
    /** validation_failed: the rule broken (src/validation-reason.ts). */
    reason: z.string().optional(),
    params: z.record(z.string(), z.number()).optional(),
  }),
);

export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

const byCodes = new Map<string, z.ZodType>();

/**
 * `{error: {…}}` whose `code` is documented as one of `codes`, named
 * `Error.<codes>` (one component per set of codes). Serialising accepts any
 * code (an error the route did not foresee still reaches the client as
 * itself, never as a 500); the documentation lists the ones declared.
 */
export function errorResponse(codes: readonly string[]): z.ZodType {
  const key = [...codes].sort().join('.');
  const known = byCodes.get(key);
  if (known) return known;
  const code = z.string();
  // Both registries: routes' schemas read the contract's, components zod's global one.
  contractRegistry.add(code, { enum: key.split('.') });
  z.globalRegistry.add(code, { enum: key.split('.') });
  const schema = named(
    `Error.${key}`,
    z.object({ error: ApiErrorBody.extend({ code }) }),
    `Error: ${key.split('.').join(', ')}`,
  );
  byCodes.set(key, schema);
  return schema;
}
