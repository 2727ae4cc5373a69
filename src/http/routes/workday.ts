// The workspace's working-day routes (issue 15): row summaries with unread
// counts, read positions, private notes and the operator's alert switches.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { markConversationRead } from '../../actions/conversations/mark-read.js';
import { createNote, NOTE_MAX_LENGTH } from '../../actions/notes/create-note.js';
import { setAlertPrefs } from '../../actions/operators/set-alert-prefs.js';
import { authorize } from '../../actions/policy.js';
import {
  AlertsAnswer,
  NoteAnswer,
  NoteList,
  ReadPosition,
  SummaryList,
} from '../../contract/conversations.js';
import { type MessageView, presentNote } from '../../presenters.js';
import { conversationSummaries, listNotes } from '../../store/queries/workday.js';
import { operatorScope } from '../auth.js';
import { loadVisibleConversation, seesByTeam, teamsSeenBy } from '../conversation-access.js';
import { replies, STAFF } from '../replies.js';

const id = z.object({ id: z.string().uuid() });
const MAX_SUMMARIES = 500;

export async function registerWorkdayRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/conversation-summaries',
    {
      schema: {
        response: replies({ 200: SummaryList }, STAFF),
        tags: ['conversations'],
        summary:
          "Rows' last message (who wrote it, one line) and my unread count, for up to 500 conversations I can see",
        querystring: z.object({
          ids: z
            .string()
            .max(MAX_SUMMARIES * 37)
            .transform((s) => [...new Set(s.split(',').filter(Boolean))])
            .pipe(z.array(z.string().uuid()).max(MAX_SUMMARIES)),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const teams = await teamsSeenBy(services.db, scope);
      const rows = await conversationSummaries(
        services.db,
        scope.accountId,
        scope.operatorId,
        request.query.ids,
      );
      return {
        // Rows of conversations I cannot see are left out, as if they did not exist.
        summaries: rows
          .filter((r) => seesByTeam(r, scope.operatorId, teams))
          .map((r) => ({
            conversationId: r.conversation_id,
            readSeq: r.read_seq,
            unread: r.unread,
            lastMessage:
              r.last_author_kind === null
                ? null
                : {
                    seq: r.last_seq,
                    author: r.last_author_kind as MessageView['author'],
                    authorName: r.last_author_name,
                    text: r.last_text ?? '',
                    attachments: r.last_attachments ?? 0,
                    createdAt: new Date(r.last_at!).toISOString(),
                  },
          })),
      };
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      schema: {
        response: replies({ 200: ReadPosition }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary:
          'I have read the conversation up to a message (my unread count; moves forward only)',
        params: id,
        body: z.object({ seq: z.number().int().min(0).max(2_147_483_647) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      await loadVisibleConversation(services.db, scope, request.params.id);
      const { result } = await perform(services, scope, (ctx) =>
        markConversationRead(ctx, { conversationId: request.params.id, seq: request.body.seq }),
      );
      return result;
    },
  );

  app.get(
    '/conversations/:id/notes',
    {
      schema: {
        response: replies({ 200: NoteList }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary: "The conversation's private notes (staff only; never sent to the client)",
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const conv = await loadVisibleConversation(services.db, scope, request.params.id);
      const rows = await listNotes(services.db, scope.accountId, conv.id);
      return { notes: rows.map((n) => presentNote(n, n.author_name)) };
    },
  );

  app.post(
    '/conversations/:id/notes',
    {
      schema: {
        response: replies({ 201: NoteAnswer }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary:
          'Write a private note (its operator, a supervisor without taking it, or a mentioned operator); @name notifies',
        params: id,
        body: z.object({ text: z.string().max(NOTE_MAX_LENGTH * 2) }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      await loadVisibleConversation(services.db, scope, request.params.id);
      const { result } = await perform(services, scope, (ctx) =>
        createNote(ctx, { conversationId: request.params.id, text: request.body.text }),
      );
      return reply.status(201).send({ note: result });
    },
  );

  app.put(
    '/me/alerts',
    {
      schema: {
        response: replies({ 200: AlertsAnswer }, STAFF),
        tags: ['auth'],
        summary: 'Switch my alerts (sound, desktop, and each kind) on or off; kept across log-ins',
        body: z
          .object({
            sound: z.boolean(),
            desktop: z.boolean(),
            assigned: z.boolean(),
            messages: z.boolean(),
            queue: z.boolean(),
            mentions: z.boolean(),
          })
          .partial()
          .strict(),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        setAlertPrefs(ctx, { operatorId: scope.operatorId, alerts: request.body }),
      );
      return { alerts: result };
    },
  );
}
