// Files of a local Bot API server started with --local: getFile answers with an
// absolute path on that server's disk, <dir>/<bot token>/<kind>/file_N.ext
// (https://github.com/tdlib/telegram-bot-api#usage). The path comes from
// whatever server the channel's apiRoot names — an account admin's choice —
// so it is read only inside the directory the operator configured
// (TELEGRAM_LOCAL_FILES_DIR) and, there, only inside this bot's own folder:
// a shared local server's other bots (other accounts) stay out of reach.
// Symlinks are resolved before the check, so none leads out.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ChannelError } from '../types.js';

/** Largest local file read into memory (the local server's own upload limit). */
const MAX_LOCAL_FILE_BYTES = 2000 * 1024 * 1024;

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

export async function readLocalBotFile(
  localDir: string | null,
  botToken: string,
  filePath: string,
): Promise<Buffer> {
  if (!localDir)
    throw new ChannelError(
      'permanent',
      'The Bot API server answered with a local file path; this server reads none (TELEGRAM_LOCAL_FILES_DIR is not set).',
    );
  const refused = () =>
    new ChannelError(
      'permanent',
      "The Bot API server's file path is outside this bot's folder in TELEGRAM_LOCAL_FILES_DIR.",
    );
  if (filePath.includes('\0') || !isAbsolute(filePath)) throw refused();
  let real: string;
  let botDir: string;
  try {
    const root = await realpath(localDir);
    botDir = await realpath(join(root, botToken));
    if (!inside(root, botDir)) throw refused();
    real = await realpath(filePath);
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    throw new ChannelError('permanent', 'The local Bot API file is not readable from this node.');
  }
  if (!inside(botDir, real)) throw refused();
  // O_NOFOLLOW: the resolved path itself must not have become a link since.
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => {
    throw new ChannelError('permanent', 'The local Bot API file is not readable from this node.');
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refused();
    if (stat.size > MAX_LOCAL_FILE_BYTES)
      throw new ChannelError('permanent', 'The local Bot API file is too large.');
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
