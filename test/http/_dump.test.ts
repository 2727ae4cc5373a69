import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { startTestServer } from '../support/harness.js';
it('dump', async () => {
  const s = await startTestServer();
  writeFileSync('/tmp/openapi.json', await (await fetch(`${s.url}/api/openapi.json`)).text());
  await s.close();
});
