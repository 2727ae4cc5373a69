// Attachments: uploaded first, then referenced by id in a message. Served as
// downloads (Content-Disposition: attachment, nosniff), never rendered inline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Scope } from '../../actions/context.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { storeUpload } from '../../actions/uploads/store-upload.js';
import { AppError, notFound } from '../../errors.js';
import { readStoredFile } from '../../store/files.js';
import { operatorScope, visitorScope } from '../auth.js';

export async function registerUploadRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;

  async function receive(request: FastifyRequest, reply: FastifyReply, scope: Scope) {
    const file = await request.file({ limits: { fileSize: config.maxUploadBytes, files: 1 } });
    if (!file)
      throw new AppError('validation_failed', 'Attach a file in the "file" field.', 'file');
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

  app.post(
    '/uploads',
    { schema: { tags: ['uploads'], summary: 'Upload an attachment (multipart field "file")' } },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      return receive(request, reply, scope);
    },
  );

  app.post(
    '/visitor/uploads',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['visitor'],
        summary: 'Visitor uploads an attachment (multipart field "file")',
      },
    },
    async (request, reply) => receive(request, reply, visitorScope(request)),
  );

  app.get(
    '/uploads/:id',
    {
      schema: {
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
      // A visitor may fetch what they uploaded or what was sent in their conversations.
      if (p.kind === 'visitor' && upload.uploader_id !== p.contactId) {
        const shared = await services.db
          .selectFrom('messages as m')
          .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
          .select('m.id')
          .where('c.contact_id', '=', p.contactId)
          .where(sql<boolean>`m.attachments @> ${JSON.stringify([{ id: upload.id }])}::jsonb`)
          .executeTakeFirst();
        if (!shared) throw notFound('File');
      }
      const bytes = await readStoredFile(config.dataDir, upload.account_id, upload.id);
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
