// One PostgreSQL for the whole run: TEST_DATABASE_URL's when set (.ci/run's
// second pass), else an embedded server started here — the same server users
// run. Each test file then works in a database of its own (harness.ts), made
// from a template migrated once here; these databases are dropped before the
// run (an interrupted one may have left some) and after it.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/store/database.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../src/store/embedded-store.js';
import { fileDatabasePrefix, templateDatabaseUrl } from './file-databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

/**
 * Parallel test files each open a few pools (several nodes per file), far
 * more than one Switchboard does; everything else as users run it.
 */
const TEST_SERVER_SETTINGS = { max_connections: '400' };

let embedded: EmbeddedDatabase | null = null;

async function dropFileDatabases(url: string) {
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

/** The migrations, applied once to the template every file's database is copied from. */
async function createTemplate(url: string) {
  const template = templateDatabaseUrl(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${template.name}"`);
  } finally {
    await client.end();
  }
  const store = await openStore({ databaseUrl: template.url, dataDir: 'memory://', poolSize: 1 });
  await store.close();
}

let url: string;

export async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    url = process.env.TEST_DATABASE_URL;
  } else {
    embedded = await startEmbeddedDatabase('memory://', TEST_SERVER_SETTINGS);
    url = embedded.url;
  }
  await dropFileDatabases(url);
  await createTemplate(url);
  project.provide('testDatabaseUrl', url);
}

export async function teardown() {
  if (embedded) {
    // The whole throw-away server goes, databases and all.
    await embedded.stop();
    return;
  }
  await dropFileDatabases(url);
}
