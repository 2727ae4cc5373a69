// Generators of bad input for the OpenAPI fuzz test (test/security/fuzz-openapi.test.ts):
// plausible values read off a route's JSON schema, and the hostile values an
// attacker or a broken client sends instead. Everything is drawn from
// fast-check with a fixed seed, so a failing case comes back on every run.
import fc from 'fast-check';

/** The part of JSON Schema (as @fastify/swagger emits it from zod) the generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

/** Ids and names that exist in the fuzzed account, so valid-looking input reaches the actions. */
export interface KnownValues {
  ids: Record<string, string>;
  /** Names already taken (teams, categories, shortcuts, e-mails): renaming onto them must be a 409. */
  taken: string[];
}

/** Deep nesting, kept as text: JSON.stringify of it would overflow the test's own stack. */
export class Nested {
  constructor(readonly depth: number) {}
  toText(): string {
    return `${'[{"a":'.repeat(this.depth)}0${'}]'.repeat(this.depth)}`;
  }
}

function nested(depth: number): unknown {
  return new Nested(depth);
}

/** JSON text of a generated value, deep nesting included. */
export function toJson(value: unknown): string {
  const parts: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof Nested)) return v;
    parts.push(v.toText());
    return `\u0001nested${parts.length - 1}\u0001`;
  });
  return (text ?? 'null').replace(
    /"\\u0001nested(\d+)\\u0001"/g,
    (_m, i: string) => parts[Number(i)]!,
  );
}

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => `x${String.fromCharCode(code)}y`);

/** Strings a database or a parser may choke on. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constant('a\u0000b'),
  fc.constant('\u0000'),
  loneSurrogate,
  fc.constant('\ud83d'),
  fc.constant('x'.repeat(100_000)),
  fc.constant(''),
  fc.constant('   '),
  fc.constant('../../../etc/passwd'),
  fc.constant('%00%ZZ'),
  fc.constant('1e999'),
  fc.constant('-1'),
  fc.constant('2026-13-45T99:99:99Z'),
  fc.constant('not-a-uuid'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Any JSON value of the wrong kind: wrong types, huge, deep, empty. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant('a\u0000b'),
  loneSurrogate,
  nastyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(1e308),
  fc.constant(-1),
  fc.constant(2 ** 53 + 1),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant(nested(2_000)),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.constant(Array.from({ length: 10_000 }, () => 'x')),
);

/** Raw (already encoded) path or query values: bad UTF-8, bad percent-encoding, over-long. */
export const nastyRawParam: fc.Arbitrary<string> = fc.oneof(
  fc.constant('not-a-uuid'),
  fc.constant('x'.repeat(3_000)),
  fc.constant('%E0%A4%A'),
  fc.constant('%'),
  fc.constant('%ZZ'),
  fc.constant('%00'),
  fc.constant('a%00b'),
  fc.constant('%ED%A0%80'),
  fc.constant('%F0%9F%98'),
  fc.constant('%C0%AF'),
  fc.constant('..%2F..%2Fetc%2Fpasswd'),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.uuid(),
  fc.constant('1e999'),
  fc.constant('-1'),
  fc.constant(''),
  nastyString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
);

const ID_FIELDS: Record<string, string> = {
  teamId: 'team',
  defaultTeamId: 'team',
  toTeamId: 'team',
  operatorId: 'operator',
  toOperatorId: 'operator',
  conversationId: 'conversation',
  contactId: 'contact',
  intoContactId: 'contact',
  targetContactId: 'contact',
  channelId: 'channel',
  categoryId: 'category',
  webhookId: 'webhook',
};

/** A value that satisfies the schema as far as a simple reading of it goes. */
export function plausible(
  schema: JsonSchema | undefined,
  name: string,
  known: KnownValues,
): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const first = variants.find((v) => v.type !== 'null') ?? variants[0];
    return plausible(first, name, known);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || key === 'name' || key === 'text')
          out[key] = plausible(sub, key, known);
      }
      return out;
    }
    case 'array': {
      const kind = name.endsWith('Ids') ? ID_FIELDS[`${name.slice(0, -3)}Id`] : undefined;
      if (kind && known.ids[kind]) return [known.ids[kind]];
      return schema.items?.enum ? [schema.items.enum[0]] : [];
    }
    case 'integer':
    case 'number':
      return (
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1)
      );
    case 'boolean':
      return true;
    case 'string': {
      const kind = ID_FIELDS[name] ?? (name === 'id' ? 'conversation' : undefined);
      if (kind && known.ids[kind]) return known.ids[kind];
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'email') return `fuzz-${name}@test.example`;
      if (schema.format === 'uri') return 'https://example.com/hook';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (name === 'from' || name === 'to') return name === 'from' ? '2026-01-01' : '2026-01-31';
      if (name === 'password' || name === 'currentPassword') return 'correct horse battery';
      if (name === 'tz') return 'UTC';
      if (name === 'language') return 'en';
      if (name === 'channelKey') return known.ids.channelKey ?? 'x';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    default:
      return 'x';
  }
}

/** A string that probably fits the field, sometimes one that is already taken. */
export function friendlyString(name: string, known: KnownValues): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constantFrom(...known.taken), fc.constant(`Fuzz ${name}`), nastyString);
}

export type BodyCase =
  | { kind: 'plausible'; body: unknown }
  | { kind: 'bad-field'; field: string; body: unknown }
  | { kind: 'missing-field'; field: string; body: unknown }
  | { kind: 'whole-body'; body: unknown };

/** Bad bodies for one JSON request schema: a field made wrong or dropped, or the whole body replaced. */
export function badBodies(
  schema: JsonSchema | undefined,
  known: KnownValues,
): fc.Arbitrary<BodyCase> {
  const base = (plausible(schema ?? { type: 'object' }, 'body', known) ?? {}) as Record<
    string,
    unknown
  >;
  const fields = Object.keys(schema?.properties ?? {});
  const whole = fc
    .oneof(
      fc.constant<unknown>([]),
      fc.constant<unknown>({}),
      fc.constant<unknown>(null),
      fc.constant<unknown>('text'),
      fc.constant<unknown>(42),
      fc.constant<unknown>([base]),
      fc.constant<unknown>(nested(5_000)),
      fc.constant<unknown>({ ...base, extra: 'x'.repeat(900_000) }),
    )
    .map((body): BodyCase => ({ kind: 'whole-body', body }));
  if (fields.length === 0) return whole;
  const field = fc.constantFrom(...fields);
  const nestedFields = fields.filter((f) => schema?.properties?.[f]?.properties);
  const bad = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(field, nastyValue) },
    {
      weight: 3,
      arbitrary: field.chain((f) => fc.tuple(fc.constant(f), friendlyString(f, known))),
    },
  );
  const cases: fc.Arbitrary<BodyCase>[] = [
    bad.map(
      ([f, value]): BodyCase => ({ kind: 'bad-field', field: f, body: { ...base, [f]: value } }),
    ),
    field.map((f): BodyCase => {
      const { [f]: _dropped, ...rest } = base;
      return { kind: 'missing-field', field: f, body: rest };
    }),
    whole,
    fc.constant<BodyCase>({ kind: 'plausible', body: base }),
  ];
  // Text the database cannot store, in a body that is otherwise valid: it must
  // be refused at the edge, not found by PostgreSQL.
  const textFields = fields.filter((f) => {
    const sub = schema?.properties?.[f];
    return [sub, ...(sub?.anyOf ?? [])].some((v) => v?.type === 'string' && !v.enum && !v.format);
  });
  if (textFields.length > 0) {
    cases.push(
      fc
        .tuple(fc.constantFrom(...textFields), fc.constantFrom('a\u0000b', 'x\ud800y', '\udfff'))
        .map(
          ([f, value]): BodyCase => ({
            kind: 'bad-field',
            field: f,
            body: { ...base, [f]: value },
          }),
        ),
    );
  }
  if (nestedFields.length > 0) {
    cases.push(
      fc
        .tuple(fc.constantFrom(...nestedFields), fc.nat(), nastyValue)
        .map(([f, n, value]): BodyCase => {
          const inner = schema!.properties![f]!;
          const keys = Object.keys(inner.properties!);
          const key = keys[n % keys.length]!;
          const innerBase = (plausible(inner, f, known) ?? {}) as Record<string, unknown>;
          return {
            kind: 'bad-field',
            field: `${f}.${key}`,
            body: { ...base, [f]: { ...innerBase, [key]: value } },
          };
        }),
    );
  }
  return fc.oneof(...cases);
}

export type HeaderCase =
  | 'json'
  | 'text/plain'
  | 'application/xml'
  | 'multipart/form-data'
  | 'application/x-www-form-urlencoded'
  | 'application/json; charset=utf-16'
  | 'no content-type'
  | 'malformed json'
  | 'origin null'
  | 'unauthenticated';

export const headerCase: fc.Arbitrary<HeaderCase> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<HeaderCase>('json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<HeaderCase>(
      'text/plain',
      'application/xml',
      'multipart/form-data',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'no content-type',
      'malformed json',
      'origin null',
    ),
  },
  { weight: 2, arbitrary: fc.constant<HeaderCase>('unauthenticated') },
);
