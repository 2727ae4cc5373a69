// One Switchboard per DATA_DIR: two processes running the embedded PostgreSQL
// on one folder would fight over it (an incident lost a second node's
// acknowledged writes). The lock is a file holding the owner's pid, created
// atomically; a lock whose process is gone (kill -9, power loss) is taken over.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'switchboard.lock';

export interface DataDirLock {
  release(): void;
}

interface Owner {
  pid: number;
  /** The process's start time (Linux), so a pid reused after a reboot is not taken for the owner. */
  started: string | null;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Switchboard (process ${pid}). ` +
        'Stop that process first, or start this one with another DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Takes DATA_DIR for this process, or throws DataDirInUseError naming the live owner. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const me: Owner = { pid: process.pid, started: startTime(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, me)) {
      return {
        release() {
          // Only our own lock: a forced takeover may have replaced it.
          if (readOwner(file)?.pid === me.pid) rmSync(file, { force: true });
        },
      };
    }
    const owner = readOwner(file);
    if (owner && isAlive(owner)) throw new DataDirInUseError(dataDir, owner.pid);
    // Stale (or half-written) lock: move it aside atomically, so of two
    // starters taking it over only one removes it.
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
      rmSync(aside, { force: true });
    } catch {
      // Someone else moved it first; look again.
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function createExclusive(file: string, owner: Owner): boolean {
  try {
    writeFileSync(file, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readOwner(file: string): Owner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid ?? 0) <= 0) return null;
    return {
      pid: parsed.pid!,
      started: typeof parsed.started === 'string' ? parsed.started : null,
    };
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  if (!processExists(owner.pid)) return false;
  const started = startTime(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

/** Whether `pid` runs; a zombie (exited, not yet reaped — containers' pid 1 may never reap) does not. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true; // no /proc
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null off Linux. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
