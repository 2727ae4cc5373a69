// File bytes on disk under DATA_DIR/uploads/<account>/<id>. With an in-memory
// database (tests) the files go to the system temp folder.
//
// `storedFilePath` is the one way from an upload id to a file: every reader and
// writer goes through it. An id that came from a request once reached
// DATA_DIR/secret as `../../secret` (issue 12), so ids are checked to be uuids,
// the joined path must stay under the store's root, and a file that is a
// symlink, or resolves outside the root, is refused.
import { constants } from 'node:fs';
import { mkdir, open, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** Refused: not an id of the store, or not a plain file inside it. */
export class StoredFileError extends Error {}

export function uploadRoot(dataDir: string): string {
  return resolve(
    dataDir.startsWith('memory://')
      ? join(tmpdir(), 'switchboard-uploads')
      : join(dataDir, 'uploads'),
  );
}

/** The path of an upload's bytes, or a StoredFileError when the ids could point elsewhere. */
export function storedFilePath(dataDir: string, accountId: string, id: string): string {
  if (!isUuid(accountId) || !isUuid(id)) throw new StoredFileError('Not an upload id.');
  const root = uploadRoot(dataDir);
  const path = resolve(root, accountId, id);
  if (!path.startsWith(root + sep)) throw new StoredFileError('Outside the upload store.');
  return path;
}

export async function writeStoredFile(
  dataDir: string,
  accountId: string,
  id: string,
  bytes: Buffer,
): Promise<void> {
  const path = storedFilePath(dataDir, accountId, id);
  await mkdir(join(path, '..'), { recursive: true });
  // `wx`: an upload id is new, so a file already there (or a link planted in
  // its place) is never written through.
  await writeFile(path, bytes, { flag: 'wx' });
}

/** The bytes of a stored upload; refuses symlinks and anything resolving outside the store. */
export async function readStoredFile(
  dataDir: string,
  accountId: string,
  id: string,
): Promise<Buffer> {
  const path = storedFilePath(dataDir, accountId, id);
  const [real, realRoot] = await Promise.all([realpath(path), realpath(uploadRoot(dataDir))]);
  // The real path must be exactly this account's file: no link anywhere on the
  // way (a linked account folder would open another account's files).
  if (real !== join(realRoot, accountId, id)) throw new StoredFileError('Not a plain stored file.');
  // O_NOFOLLOW: a link swapped in after the check above is not followed either.
  const file = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    if (!(await file.stat()).isFile()) throw new StoredFileError('Not a plain file.');
    return await file.readFile();
  } finally {
    await file.close();
  }
}
