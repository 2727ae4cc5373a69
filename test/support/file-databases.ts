// On PostgreSQL each test file works in a database of its own (harness.ts),
// named after TEST_DATABASE_URL's; global-setup.ts drops them by this prefix.

/** The prefix of every per-file database made from the shared test database `url`. */
export function fileDatabasePrefix(url: string): string {
  return `${new URL(url).pathname.slice(1)}_file_`;
}
