// Attachments: uploaded first, then referenced by id in a message. Served as
// downloads (Content-Disposition: attachment, nosniff), never rendered inline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Scope, Services } from '../../actions/context.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { storeUpload } from '../../actions/uploads/store-upload.js';
import type { Config } from '../../config.js';
import { UploadAnswer } from '../../contract/visitor.js';
import { AppError, notFound } from '../../errors.js';
import { readStoredFile } from '../../store/files.js';
import { operatorScope } from '../auth.js';
import { fileReply, replies, STAFF } from '../replies.js';

/**
 * Takes one multipart file and stores it for the scope's actor. Operators'
 * uploads are routed here; visitors' in visitor.ts, under the widget's CORS
 * and allowed-origins rules.
 */
export async function receiveUpload(
  deps: { services: Services; config: Config },
  request: FastifyRequest,
  reply: FastifyReply,
  scope: Scope,
) {
  const { services, config } = deps;
  const file = await request.file({ limits: { fileSize: config.maxUploadBytes, files: 1 } });
  if (!file) throw new AppError('validation_failed', 'Attach a file in the "file" field.', 'file');
  const bytes = await file.toBuffer().catch(() => {
    throw new AppError('payload_too_large', undefined, 'file');
  });
  if (file.file.truncated) throw new AppError('payload_too_large', undefined, 'file');
  const { result } = await perform(services, scope, (ctx) =>
    storeUpload(ctx, {
      name: file.filename,
      contentType: file.mimetype,
      bytes,
      dataDir: config.dataDir,
      maxBytes: config.maxUploadBytes,
    }),
  );
  return reply.status(201).send({ attachment: result });
}

export async function registerUploadRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;

  app.post(
    '/uploads',
    {
      schema: {
        response: replies({ 201: UploadAnswer }, STAFF, 'payload_too_large'),
        tags: ['uploads'],
        summary: 'Upload an attachment (multipart field "file")',
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      return receiveUpload(app.deps, request, reply, scope);
    },
  );

  app.get(
    '/uploads/:id',
    {
      schema: {
        response: replies({ 200: fileReply }, 'unauthenticated', 'not_found'),
        tags: ['uploads'],
        summary: 'Download an attachment',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (!p) throw new AppError('unauthenticated');
      const upload = await services.db
        .selectFrom('uploads')
        .selectAll()
        .where('id', '=', request.params.id)
        .where('account_id', '=', p.accountId)
        .executeTakeFirst();
      if (!upload) throw notFound('File');
      // A visitor may fetch what they uploaded on their token's channel or what
      // was sent in their conversations there — not what the same contact sent
      // or received on another channel.
      const ownUpload =
        p.kind === 'visitor' &&
        upload.uploader_kind === 'contact' &&
        upload.uploader_id === p.contactId &&
        upload.channel_id === p.channelId;
      if (p.kind === 'visitor' && !ownUpload) {
        const shared = await services.db
          .selectFrom('messages as m')
          .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
          .select('m.id')
          .where('c.account_id', '=', p.accountId)
          .where('c.contact_id', '=', p.contactId)
          .where('c.channel_id', '=', p.channelId)
          .where(sql<boolean>`m.attachments @> ${JSON.stringify([{ id: upload.id }])}::jsonb`)
          .executeTakeFirst();
        if (!shared) throw notFound('File');
      }
      // A row whose file is gone (or was swapped for a link) is not served: 404, not a 500.
      const bytes = await readStoredFile(config.dataDir, upload.account_id, upload.id).catch(() => {
        throw notFound('File');
      });
      return reply
        .header('content-type', upload.content_type)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(bytes);
    },
  );
}
