// `npm run bench -- search [--conversations N] [--database-url URL] [--runs R] [--reuse]`
// Issue 15: search on one busy account. The reports bench's generator makes N
// conversations (default 1,000,000) with ten messages each; here the messages
// say real things — phrases in Russian, Ukrainian and English, the first one
// of each conversation with an order number — so words are as common or rare
// as in life (a phrase word in ~1 of 30 messages, an order number in one or
// two). The search indexes are dropped while generating and built after, as a
// restore would. Then GET /search's own code (findAnything) is timed, warm,
// R rounds of a mix of queries — common and rare words, other word forms,
// Ukrainian, English, words that occur nowhere, a contact's name and phone —
// as a supervisor (everything) and as an operator of one team. Prints one
// JSON line with p50_ms and p95_ms over all timed searches.
import { sql } from 'kysely';
import { DEFAULT_DATABASE_TIMEOUTS } from '../src/config.js';
import { openStore } from '../src/store/database.js';
import { findAnything } from '../src/store/queries/find-anything.js';
import type { Viewer } from '../src/store/queries/visibility.js';
import { BENCH_SERVER, freshDatabase, option, positive } from './args.js';
import { generate, previousWorld } from './reports.js';

const BENCH_DB = 'switchboard_bench_search';

// biome-ignore format: phrases read better one per line
const PHRASES = [
  'Здравствуйте, где мой заказ? Жду уже неделю',
  'Подскажите, пожалуйста, когда будет доставка',
  'Хочу вернуть товар, он не подошёл по размеру',
  'Спасибо, всё получил, вопрос решён',
  'Оплата не проходит, карта отклонена банком',
  'Можно изменить адрес доставки для заказа?',
  'Добрый день! Проверю ваш заказ, минуту',
  'Возврат денег оформлен, деньги придут в течение трёх дней',
  'Курьер не приехал в назначенное время',
  'Какая гарантия на холодильник?',
  'Доброго дня, де моє замовлення?',
  'Дякую, отримала посилку, все добре',
  'Коли буде доставка замовлення до Києва?',
  'Надішліть, будь ласка, рахунок на оплату',
  'Хочу повернути товар, він пошкоджений',
  'Hello, where is my order? It is late',
  'I would like a refund for the broken headphones',
  'Thank you, the parcel arrived today',
  'Can I change the delivery address?',
  'Your payment was declined, please try another card',
  'Мы передали ваш вопрос в отдел логистики',
  'Уточните, пожалуйста, номер телефона получателя',
  'Промокод не применяется к товарам со скидкой',
  'Пункт выдачи работает с девяти до девяти',
  'Есть ли этот ноутбук в наличии в Москве?',
  'Чи можна оплатити при отриманні?',
  'The warranty covers two years of repairs',
  'Извините за ожидание, уже проверяю',
  'Нужна консультация по установке кондиционера',
  'Ваш заказ передан в службу доставки',
];

const messageText = sql<string>`(${sql.val(PHRASES)}::text[])[1 + ((i * 7919 + seq * 104729) % ${sql.lit(PHRASES.length)})]
  || CASE WHEN seq = 1 THEN ' Номер заказа ' || (100000 + (i * 7) % 900000) ELSE '' END`;

/** The searches timed, each round: what operators type. */
function queries(total: number): string[] {
  const order = 100000 + ((Math.floor(total / 2) * 7) % 900000);
  return [
    'заказы', // common, another word form
    'доставкой', // common
    'холодильники', // one phrase in thirty
    'кондиционеров', // one phrase in thirty
    `заказ ${order}`, // an order number: one or two messages
    String(order),
    'замовленням', // Ukrainian
    'посилки',
    'refunds', // English
    'warranty repair',
    'зелёный крокодил', // nowhere
    'quantum',
    'Client 4242', // a contact by name
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function main(args: string[]) {
  const total = positive(args, 'conversations', 1_000_000);
  if (total < 1000) throw new Error('--conversations must be at least 1000');
  const runs = positive(args, 'runs', 5);
  const reuse = args.includes('--reuse');
  const url =
    option(args, 'database-url') ??
    process.env.DATABASE_URL ??
    (reuse ? `${BENCH_SERVER}/${BENCH_DB}` : await freshDatabase(BENCH_DB));
  // An hour per statement: generating and indexing ten million messages takes minutes.
  const store = await openStore({
    databaseUrl: url,
    dataDir: 'memory://',
    poolSize: 4,
    timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 3_600_000 },
  });
  try {
    const started = performance.now();
    let w: Awaited<ReturnType<typeof generate>>;
    if (reuse) w = await previousWorld(store);
    else {
      await sql`DROP INDEX messages_search`.execute(store.db);
      w = await generate(store, total, messageText);
      process.stderr.write('building the search index…\n');
      await store.db.connection().execute(async (db) => {
        await sql`SET maintenance_work_mem = '512MB'`.execute(db);
        await sql`CREATE INDEX messages_search ON messages USING gin (search_vector)`.execute(db);
      });
      await sql`ANALYZE messages`.execute(store.db);
    }
    const generationS = (performance.now() - started) / 1000;
    const team = await sql<{ id: string }>`
      SELECT id FROM teams WHERE account_id = ${w.accountId} ORDER BY name LIMIT 1`.execute(
      store.db,
    );
    const someone = await sql<{ id: string }>`
      SELECT id FROM operators WHERE account_id = ${w.accountId} ORDER BY name LIMIT 1`.execute(
      store.db,
    );
    const viewers: Viewer[] = [
      { operatorId: someone.rows[0]!.id, teamIds: null },
      { operatorId: someone.rows[0]!.id, teamIds: [team.rows[0]!.id] },
    ];
    const mix = queries(total);
    const search = (viewer: Viewer, q: string) =>
      findAnything(store.db, { accountId: w.accountId, viewer, q, limit: 20 });
    // Warm-up round, and a check that the mix finds what it should.
    for (const viewer of viewers) for (const q of mix) await search(viewer, q);
    const probe = await search(viewers[0]!, 'заказы');
    if (!probe || probe.messages.length === 0) throw new Error('the generated data has no matches');
    const times: number[] = [];
    const slowest = new Map<string, number>();
    for (let r = 0; r < runs; r++) {
      for (const viewer of viewers)
        for (const q of mix) {
          const t0 = performance.now();
          await search(viewer, q);
          const ms = performance.now() - t0;
          times.push(ms);
          slowest.set(q, Math.max(slowest.get(q) ?? 0, ms));
        }
      process.stderr.write(`round ${r + 1}/${runs}\n`);
    }
    times.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    process.stderr.write(
      `slowest per query (ms): ${JSON.stringify(Object.fromEntries([...slowest].map(([q, ms]) => [q, round(ms)])))}\n`,
    );
    console.log(
      JSON.stringify({
        bench: 'search',
        conversations: total,
        messages: total * 10,
        searches: times.length,
        p50_ms: round(percentile(times, 50)),
        p95_ms: round(percentile(times, 95)),
        max_ms: round(times[times.length - 1]!),
        generation_s: reuse ? null : Math.round(generationS),
      }),
    );
  } finally {
    await store.close();
  }
}
