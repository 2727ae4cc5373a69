// File bytes on disk under DATA_DIR/uploads/<account>/<id>. With an in-memory
// database (tests) the files go to the system temp folder.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function root(dataDir: string): string {
  return dataDir.startsWith('memory://')
    ? join(tmpdir(), 'switchboard-uploads')
    : join(dataDir, 'uploads');
}

export async function writeStoredFile(
  dataDir: string,
  accountId: string,
  id: string,
  bytes: Buffer,
): Promise<void> {
  const dir = join(root(dataDir), accountId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, id), bytes);
}

export function readStoredFile(dataDir: string, accountId: string, id: string): Promise<Buffer> {
  return readFile(join(root(dataDir), accountId, id));
}
