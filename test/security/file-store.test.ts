// One function maps (account, upload id) to a file inside the upload store and
// refuses anything else: paths, absolute names, links out of the store.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  readStoredFile,
  StoredFileError,
  storedFilePath,
  uploadRoot,
  writeStoredFile,
} from '../../src/store/files.js';

let dataDir: string;
const account = randomUUID();

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sb-file-store-'));
  writeFileSync(join(dataDir, 'secret'), 'the signing secret');
});

describe('the upload store', () => {
  it('keeps and reads back a file under DATA_DIR/uploads/<account>/<id>', async () => {
    const id = randomUUID();
    await writeStoredFile(dataDir, account, id, Buffer.from('bytes'));
    expect(storedFilePath(dataDir, account, id)).toBe(join(dataDir, 'uploads', account, id));
    expect((await readStoredFile(dataDir, account, id)).toString()).toBe('bytes');
  });

  it('refuses ids that are not uuids: relative paths, absolute paths, separators', async () => {
    for (const id of ['../../secret', '/etc/passwd', `${randomUUID()}/..`, '', '..', 'a\0b']) {
      expect(() => storedFilePath(dataDir, account, id), id).toThrow(StoredFileError);
      await expect(readStoredFile(dataDir, account, id)).rejects.toThrow(StoredFileError);
      await expect(writeStoredFile(dataDir, account, id, Buffer.from('x'))).rejects.toThrow(
        StoredFileError,
      );
    }
    expect(() => storedFilePath(dataDir, '..', randomUUID())).toThrow(StoredFileError);
  });

  it('refuses a stored file that is a link, even to a file inside the store', async () => {
    const outside = randomUUID();
    const inside = randomUUID();
    await writeStoredFile(dataDir, account, inside, Buffer.from('another file'));
    const dir = join(uploadRoot(dataDir), account);
    symlinkSync(join(dataDir, 'secret'), join(dir, outside));
    await expect(readStoredFile(dataDir, account, outside)).rejects.toThrow();
    const linkedInside = randomUUID();
    symlinkSync(join(dir, inside), join(dir, linkedInside));
    await expect(readStoredFile(dataDir, account, linkedInside)).rejects.toThrow();
  });

  it("refuses an account folder that links to another account's or outside the store", async () => {
    const other = randomUUID();
    const id = randomUUID();
    await writeStoredFile(dataDir, other, id, Buffer.from('other account'));
    const linked = randomUUID();
    symlinkSync(join(uploadRoot(dataDir), other), join(uploadRoot(dataDir), linked));
    await expect(readStoredFile(dataDir, linked, id)).rejects.toThrow(StoredFileError);

    const escaped = randomUUID();
    const elsewhere = mkdtempSync(join(tmpdir(), 'sb-elsewhere-'));
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, id), 'outside');
    symlinkSync(elsewhere, join(uploadRoot(dataDir), escaped));
    await expect(readStoredFile(dataDir, escaped, id)).rejects.toThrow(StoredFileError);
  });
});
