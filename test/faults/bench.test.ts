// The short faults bench (bench/faults.ts) as a test: two nodes on real
// PostgreSQL + Redis through proxies, under load, through every fault; no
// acknowledged message may be lost, stored twice or acknowledged falsely, and
// no node may crash. Only with TEST_DATABASE_URL and TEST_REDIS_URL. The
// embedded case (one node on its own server in a temporary DATA_DIR, needing
// neither) runs on the default pass, where the postgres case is skipped.
import { describe, expect, it } from 'vitest';
import { runFaults } from '../../bench/faults.js';
import { fileDatabasePrefix } from '../support/file-databases.js';

const adminUrl = process.env.TEST_DATABASE_URL || null;
const redisUrl = process.env.TEST_REDIS_URL || null;

describe.skipIf(!adminUrl || !redisUrl)('faults bench, short (postgres + redis)', () => {
  it('loses, duplicates and falsely acknowledges nothing, and no node crashes', async () => {
    const result = await runFaults({
      store: 'postgres',
      adminDatabaseUrl: adminUrl!,
      // Dropped with the other per-file databases by test/support/global-setup.ts.
      databaseName: `${fileDatabasePrefix(adminUrl!)}faults_${process.pid}`,
      redisUrl: redisUrl!,
      short: true,
      log: () => {},
    });
    expect(result.acked).toBeGreaterThan(0);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, false_acks: 0, crashed_nodes: 0 });
  }, 300_000);
});

describe.skipIf(adminUrl)('faults bench, short (embedded)', () => {
  it('loses, duplicates and falsely acknowledges nothing through kill -9 of the server and of the node', async () => {
    const result = await runFaults({ store: 'embedded', short: true, log: () => {} });
    expect(result.acked).toBeGreaterThan(0);
    expect(result).toMatchObject({
      faults: 3,
      lost: 0,
      duplicated: 0,
      false_acks: 0,
      crashed_nodes: 0,
    });
  }, 300_000);
});
