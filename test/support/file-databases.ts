// Each test file works in a database of its own (harness.ts), named after the
// run's database (TEST_DATABASE_URL's or the embedded server's) and copied
// from a migrated template; global-setup.ts drops them by this prefix.

/** The prefix of every per-file database made from the shared test database `url`. */
export function fileDatabasePrefix(url: string): string {
  return `${new URL(url).pathname.slice(1)}_file_`;
}

/** The database that per-file databases are copied from (migrations applied once). */
export function templateDatabaseUrl(url: string): { name: string; url: string } {
  return fileDatabaseUrl(url, 'template');
}

export function fileDatabaseUrl(url: string, suffix: string): { name: string; url: string } {
  const name = `${fileDatabasePrefix(url)}${suffix}`;
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { name, url: u.toString() };
}
