// Drops the per-file databases test runs leave on PostgreSQL (see harness.ts),
// before the run (an interrupted one may have left some) and after it.
import pg from 'pg';
import { fileDatabasePrefix } from './file-databases.js';

async function dropFileDatabases() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)',
      [fileDatabasePrefix(url)],
    );
    for (const { name } of rows) await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function setup() {
  await dropFileDatabases();
}

export async function teardown() {
  await dropFileDatabases();
}
