import { randomUUID } from 'node:crypto';
import { writeStoredFile } from '../../store/files.js';
import type { Attachment } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

export interface InboundFile {
  name: string;
  contentType: string;
  data: Buffer;
}

// Types a browser would run or render as a page; stored as opaque bytes so no
// client can be talked into rendering a customer's file as HTML or SVG script.
const ACTIVE_TYPES =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)$/;

export function safeContentType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) || ACTIVE_TYPES.test(type))
    return 'application/octet-stream';
  return type;
}

export function safeFileName(name: string): string {
  // Path separators, quotes and control characters would break a download's
  // Content-Disposition or a path; anything else in a customer's file name stays.
  const cleaned = [...name].map((c) => (c < ' ' || '\\/"'.includes(c) ? '_' : c)).join('');
  return cleaned.slice(0, 200) || 'file';
}

/**
 * Files that came in on a channel, stored like uploads (the `uploads` table and
 * DATA_DIR/uploads), so the same download route serves them as attachments.
 * Unlike operator uploads any type is kept — a customer's file is what it is —
 * but active types are stored as opaque bytes. Oversized files are left out
 * and named in `skipped`, for the message text.
 */
export async function storeChannelFiles(
  ctx: ActionContext,
  input: { files: InboundFile[]; dataDir: string; maxBytes: number },
): Promise<{ attachments: Attachment[]; skipped: string[] }> {
  const attachments: Attachment[] = [];
  const skipped: string[] = [];
  for (const file of input.files) {
    const name = safeFileName(file.name);
    if (file.data.length > input.maxBytes) {
      skipped.push(name);
      continue;
    }
    const id = randomUUID();
    const contentType = safeContentType(file.contentType);
    const uploaderId = ctx.actor.kind === 'contact' ? ctx.actor.id : null;
    await ctx.trx
      .insertInto('uploads')
      .values({
        id,
        account_id: ctx.accountId,
        name,
        content_type: contentType,
        size: file.data.length,
        uploader_kind: uploaderId ? 'contact' : 'system',
        uploader_id: uploaderId,
        channel_id: ctx.actor.kind === 'contact' ? ctx.actor.channelId : null,
      })
      .execute();
    // Inside the transaction, as storeUpload does: a rolled-back row leaves at
    // most an orphan file that nothing points to.
    await writeStoredFile(input.dataDir, ctx.accountId, id, file.data);
    attachments.push({ id, name, contentType, size: file.data.length });
  }
  return { attachments, skipped };
}
