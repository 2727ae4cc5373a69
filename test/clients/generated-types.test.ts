// The committed client types are what the contract generates now: a route or
// schema changed without `npm run contract:generate` fails here (and in CI).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedTypes, TYPES_FILE } from '../../clients/js/generate.js';

describe('clients/js/src/openapi.d.ts', () => {
  it('is up to date with the schemas (else run npm run contract:generate)', async () => {
    const committed = readFileSync(TYPES_FILE, 'utf8');
    const now = await generatedTypes();
    expect(committed === now, 'stale: run `npm run contract:generate` and commit').toBe(true);
  });
});
