// A message's attachments are references to stored uploads, never paths or
// descriptions (DESIGN §8, issue 12): every sender's ids are checked here, in
// the one path all messages take (sendMessages), against the uploads table.
import { AppError, invalid } from '../../errors.js';
import { isUuid } from '../../store/files.js';
import type { Attachment, UploadsTable } from '../../store/schema.js';
import type { ActionContext, Actor } from '../context.js';

/** What a sender gives: the id of an upload. Any name, type or size sent along is ignored. */
export interface AttachmentRef {
  id: string;
}

/**
 * Each request's attachments as stored (name, type and size from the upload
 * row), or the first reference that is refused: not a uuid, not an upload of
 * this account, or not uploaded by this sender — the same operator, the same
 * contact on the same channel (a channel's inbound files are stored as its
 * contact's), or the system for the system. One query for the whole batch.
 */
export async function resolveAttachments(
  ctx: ActionContext,
  requests: readonly { actor: Actor; refs: readonly AttachmentRef[] }[],
): Promise<(Attachment[] | AppError)[]> {
  const ids = [
    ...new Set(requests.flatMap((r) => r.refs.map((a) => a.id)).filter((id) => isUuid(id))),
  ];
  const rows =
    ids.length > 0
      ? await ctx.trx
          .selectFrom('uploads')
          .select([
            'id',
            'name',
            'content_type',
            'size',
            'uploader_kind',
            'uploader_id',
            'channel_id',
          ])
          .where('account_id', '=', ctx.accountId)
          .where('id', 'in', ids)
          .execute()
      : [];
  const uploads = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
  return requests.map(({ actor, refs }) => {
    const out: Attachment[] = [];
    for (const [i, ref] of refs.entries()) {
      const field = `attachments.${i}.id`;
      if (!isUuid(ref.id)) return invalid(field, 'Not an upload id.');
      const upload = uploads.get(ref.id.toLowerCase());
      if (!upload || !sentBy(upload, actor))
        return new AppError(
          'validation_failed',
          'No such upload of yours: upload the file first.',
          field,
        );
      out.push({
        id: upload.id,
        name: upload.name,
        contentType: upload.content_type,
        size: upload.size,
      });
    }
    return out;
  });
}

interface UploadOwner {
  uploader_kind: UploadsTable['uploader_kind'];
  uploader_id: string | null;
  channel_id: string | null;
}

function sentBy(upload: UploadOwner, actor: Actor): boolean {
  if (actor.kind === 'system') return upload.uploader_kind === 'system';
  if (actor.kind === 'operator')
    return upload.uploader_kind === 'operator' && upload.uploader_id === actor.id;
  return (
    upload.uploader_kind === 'contact' &&
    upload.uploader_id === actor.id &&
    upload.channel_id === actor.channelId
  );
}
