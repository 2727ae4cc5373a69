// npm run bench -- serialize [--iterations 20000]
//
// What answering through the contract costs per response, against the plain
// JSON.stringify Fastify used before routes declared their schemas: the HTTP
// message path's answer (POST …/messages → SentMessage, with an extra field
// the contract drops) and a page of 500 conversations (GET /conversations).
// Pure CPU, one process; the serializer is the one the server uses
// (src/http/serializer.ts).
import { parseArgs } from 'node:util';
import { ConversationPage, SentMessage } from '../src/contract/conversations.js';
import { serializerCompiler } from '../src/http/serializer.js';

function message(i: number) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    conversationId: '00000000-0000-4000-8000-000000000001',
    seq: i,
    author: 'operator' as const,
    authorId: '00000000-0000-4000-8000-000000000002',
    authorName: 'Olga',
    text: 'Hello! Your order left the warehouse this morning and arrives tomorrow.',
    attachments: [],
    clientKey: `c-${i}`,
    createdAt: new Date(1_780_000_000_000 + i).toISOString(),
  };
}

function conversation(i: number) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    channelId: '00000000-0000-4000-8000-000000000003',
    contactId: '00000000-0000-4000-8000-000000000004',
    contactName: 'Ivan Petrenko',
    teamId: null,
    operatorId: null,
    state: 'queued' as const,
    priority: 0,
    language: 'uk',
    categoryId: null,
    targeted: null,
    rating: null,
    lastSeq: 3,
    createdAt: new Date(1_780_000_000_000 + i).toISOString(),
    queuedAt: new Date(1_780_000_000_000 + i).toISOString(),
    assignedAt: null,
    firstOperatorReplyAt: null,
    closedAt: null,
    closedBy: null,
    visitorContext: null,
    closeNote: null,
    reopenedFromId: null,
  };
}

function perCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations / 1000;
}

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { iterations: { type: 'string', default: '20000' } },
  });
  const iterations = Number(values.iterations);
  const cases = [
    {
      name: 'sent-message',
      schema: SentMessage,
      data: { message: message(1), duplicate: false, internal: 'dropped by the contract' },
      iterations,
    },
    {
      name: 'conversation-page-500',
      schema: ConversationPage,
      data: {
        conversations: Array.from({ length: 500 }, (_, i) => conversation(i)),
        nextCursor: null,
      },
      iterations: Math.max(1, Math.round(iterations / 200)),
    },
  ];
  for (const c of cases) {
    const contract = serializerCompiler({ schema: c.schema, url: c.name });
    const plainUs = perCall(() => JSON.stringify(c.data), c.iterations);
    const contractUs = perCall(() => contract(c.data), c.iterations);
    console.log(
      JSON.stringify({
        bench: 'serialize',
        case: c.name,
        bytes: contract(c.data).length,
        plain_us: Number(plainUs.toFixed(2)),
        contract_us: Number(contractUs.toFixed(2)),
        ratio: Number((contractUs / plainUs).toFixed(2)),
      }),
    );
  }
}
