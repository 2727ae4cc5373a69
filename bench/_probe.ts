import { sql } from 'kysely';
import { messageTsQuery, queryWords } from '../src/domain/search/query.js';
import { openStore } from '../src/store/database.js';
import { findAnything } from '../src/store/queries/find-anything.js';
import { analyseWords } from '../src/store/queries/search.js';

const store = await openStore({
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/switchboard_bench_search',
  dataDir: 'memory://',
  poolSize: 2,
  migrate: false,
});
const acc = 'd176b34e-67b8-4a49-b360-87ece0ea3a49';
const qs = process.argv.slice(2);
for (const q of qs) {
  const t0 = performance.now();
  const ts = messageTsQuery(await analyseWords(store.db, queryWords(q)));
  try {
    await findAnything(store.db, {
      accountId: acc,
      viewer: { operatorId: '00000000-0000-0000-0000-000000000000', teamIds: null },
      q,
      limit: 20,
    });
    console.log(q, ts, Math.round(performance.now() - t0), 'ms');
  } catch (e) {
    console.log(q, ts, 'ERR', String(e).slice(0, 100));
  }
}
await store.close();
