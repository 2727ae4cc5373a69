// The server secret signs visitor tokens (and derives Telegram webhook tokens
// for channels that stored none). It rotates: a new secret signs from then on,
// and the previous ones still verify for a grace period, so visitors who come
// back within it keep their session (their token is re-signed on the way).
//
// Two sources (README § Configuration, docs/security):
// - the environment: SECRET signs, SECRET_PREVIOUS (comma list) only verifies.
//   Nodes learn of an environment rotation by being restarted with it.
// - a key file, DATA_DIR/keys/secrets.json (0600, its folder 0700), outside the
//   upload tree. `switchboard rotate-secret` rewrites it; running nodes re-read
//   it when its modification time changes — checked every SECRET_RELOAD_MS and
//   at once on SIGHUP.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  /** The secret new tokens are signed with. */
  current(): string;
  /** Secrets a token may be signed with at `now`: the current first, then earlier ones in their grace. */
  accepted(now: Date): string[];
  /** Re-reads the key file if it changed; true when the secrets changed. */
  reload(): boolean;
}

/** How often a node looks at the key file's modification time. */
export const SECRET_RELOAD_MS = 30_000;

interface Retired {
  secret: string;
  /** Accepted until then; null: as long as it is configured. */
  until: Date | null;
}

function ring(current: string, retired: readonly Retired[]) {
  return {
    current: () => current,
    accepted: (now: Date) => [
      current,
      ...retired.filter((r) => r.until === null || r.until > now).map((r) => r.secret),
    ],
  };
}

/**
 * SECRET (and SECRET_PREVIOUS) from the environment: previous secrets verify
 * for `graceMs` after `rotatedAt` (SECRET_ROTATED_AT), or after this node
 * started when that is not given.
 */
export function envSecrets(
  current: string,
  previous: readonly string[],
  graceMs: number,
  rotatedAt: Date,
): Secrets {
  const until = new Date(rotatedAt.getTime() + graceMs);
  return {
    ...ring(
      current,
      previous.map((secret) => ({ secret, until })),
    ),
    reload: () => false,
  };
}

interface KeyFile {
  current: string;
  previous: { secret: string; retiredAt: string }[];
}

export const keysDir = (dataDir: string) => join(dataDir, 'keys');
export const keyFilePath = (dataDir: string) => join(keysDir(dataDir), 'secrets.json');

/** The key file's secrets, created on first start (or migrated from DATA_DIR/secret). */
export function fileSecrets(dataDir: string, graceMs: number): Secrets {
  const path = keyFilePath(dataDir);
  ensureKeyFile(dataDir);
  // Each write renames a new file into place: a new inode, whatever the clock says.
  let version = '';
  let state = ring('', []);
  const load = (): boolean => {
    const stat = statSync(path);
    const seen = `${stat.ino}:${stat.mtimeMs}`;
    if (seen === version) return false;
    const file = readKeyFile(path);
    version = seen;
    state = ring(
      file.current,
      file.previous.map((p) => ({
        secret: p.secret,
        until: new Date(Date.parse(p.retiredAt) + graceMs),
      })),
    );
    return true;
  };
  load();
  return {
    current: () => state.current(),
    accepted: (now) => state.accepted(now),
    reload: load,
  };
}

/**
 * `switchboard rotate-secret`: a new current secret; the old one is kept, as
 * retired now, and retired ones past their grace are dropped.
 */
export function rotateSecretFile(dataDir: string, graceMs: number, now: Date): void {
  ensureKeyFile(dataDir);
  const path = keyFilePath(dataDir);
  const file = readKeyFile(path);
  const stillAccepted = file.previous.filter(
    (p) => Date.parse(p.retiredAt) + graceMs > now.getTime(),
  );
  writeKeyFile(path, {
    current: newSecret(),
    previous: [{ secret: file.current, retiredAt: now.toISOString() }, ...stillAccepted],
  });
}

function ensureKeyFile(dataDir: string): void {
  const path = keyFilePath(dataDir);
  mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o700 });
  chmodSync(keysDir(dataDir), 0o700);
  if (existsSync(path)) return;
  // Before issue 12 the secret was DATA_DIR/secret: it moves, so tokens signed
  // with it stay valid, and nothing is left beside the upload tree.
  const legacy = join(dataDir, 'secret');
  const current = existsSync(legacy) ? readFileSync(legacy, 'utf8').trim() : newSecret();
  writeKeyFile(path, { current, previous: [] });
  if (existsSync(legacy)) rmSync(legacy);
}

function readKeyFile(path: string): KeyFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeyFile>;
  if (typeof parsed.current !== 'string' || parsed.current.length < 16)
    throw new Error(`${path}: "current" must be a secret of at least 16 characters`);
  const previous = Array.isArray(parsed.previous) ? parsed.previous : [];
  return {
    current: parsed.current,
    previous: previous.filter(
      (p) => typeof p?.secret === 'string' && !Number.isNaN(Date.parse(p.retiredAt)),
    ),
  };
}

/** Written whole and renamed into place, so a reader never sees half a file. */
function writeKeyFile(path: string, file: KeyFile): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

const newSecret = () => randomBytes(32).toString('base64url');
