// The contract's named schemas: each one registered here becomes a component of
// /api/openapi.json (`#/components/schemas/<id>`) and a named type in the
// generated client (clients/js). A registry of our own, not zod's global one, so
// a module loaded twice (tests) does not register an id twice.
import { z } from 'zod';

export const contractRegistry = z.registry<{
  /** Named: a component of its own. */
  id?: string;
  description?: string;
  /** Documented values of a field that accepts more (error codes). */
  enum?: string[];
}>();

/** Names a schema in the contract: `named('ConversationView', z.object({…}))`. */
export function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  contractRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}
