import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import { writeStoredFile } from '../../store/files.js';
import type { Attachment } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

/** Types we accept, each with the leading bytes a real file of that type starts with (when it has any). */
const ALLOWED: Record<string, number[][] | null> = {
  'image/png': [[0x89, 0x50, 0x4e, 0x47]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/gif': [[0x47, 0x49, 0x46, 0x38]],
  'image/webp': [[0x52, 0x49, 0x46, 0x46]],
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]],
  'application/zip': [[0x50, 0x4b]],
  'audio/ogg': [[0x4f, 0x67, 0x67, 0x53]],
  'audio/mpeg': null,
  'text/plain': null,
  'text/csv': null,
  'application/msword': null,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b]],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b]],
};

export const ALLOWED_UPLOAD_TYPES = Object.keys(ALLOWED);

export async function storeUpload(
  ctx: ActionContext,
  input: { name: string; contentType: string; bytes: Buffer; dataDir: string; maxBytes: number },
): Promise<Attachment> {
  const type = input.contentType.split(';')[0]!.trim().toLowerCase();
  const signatures = ALLOWED[type];
  if (signatures === undefined)
    throw new AppError('unsupported_media_type', `Files of type ${type} are not accepted.`, 'file');
  if (input.bytes.length > input.maxBytes)
    throw new AppError('payload_too_large', undefined, 'file');
  if (signatures && !signatures.some((sig) => sig.every((b, i) => input.bytes[i] === b)))
    throw new AppError(
      'unsupported_media_type',
      'The file content does not match its type.',
      'file',
    );
  const id = randomUUID();
  const name = input.name.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'file';
  const actor = ctx.actor;
  await ctx.trx
    .insertInto('uploads')
    .values({
      id,
      account_id: ctx.accountId,
      name,
      content_type: type,
      size: input.bytes.length,
      uploader_kind:
        actor.kind === 'operator' ? 'operator' : actor.kind === 'contact' ? 'contact' : 'system',
      uploader_id: actor.kind === 'system' ? null : actor.id,
      // A visitor's token opens only its channel's files (the same contact may write elsewhere too).
      channel_id: actor.kind === 'contact' ? actor.channelId : null,
    })
    .execute();
  // Written inside the transaction: if the commit fails, an orphan file remains
  // but no row points to it, so nothing can serve it.
  await writeStoredFile(input.dataDir, ctx.accountId, id, input.bytes);
  return { id, name, contentType: type, size: input.bytes.length };
}
