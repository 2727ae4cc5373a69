// The widget reports where the visitor is: page, title, the page they came
// from, language and clock (issue 15). Everything here comes from an anonymous
// browser, so each field is bounded and URLs must be http(s); the JSON body's
// text was already checked for NUL and lone surrogates (input-guards.ts).

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { updateVisitorContext } from '../../actions/conversations/update-visitor-context.js';
import { VisitorContextAnswer } from '../../contract/visitor.js';
import { visitorScope } from '../auth.js';
import { replies, VISITOR } from '../replies.js';

const webAddress = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Only http and https addresses.');

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const visitorContextBody = z.object({
  url: webAddress,
  title: z.string().max(300).nullish(),
  // document.referrer is '' when there was none.
  referrer: z.union([z.literal(''), webAddress]).nullish(),
  language: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'A language tag such as "uk-UA".')
    .nullish(),
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/, 'An IANA time zone such as "Europe/Kyiv".')
    .refine(knownTimeZone, 'Not a known time zone.')
    .nullish(),
  // Minutes east of UTC: the widest real offsets are UTC−12 and UTC+14.
  utcOffsetMin: z.number().int().min(-720).max(840).nullish(),
});

export function registerVisitorContextRoute(
  app: FastifyInstance,
  /** The route's rate limit (`visitorLimit` of visitor.ts; false when switched off). */
  limit: { rateLimit: boolean | { max: number; timeWindow: string } },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  typed.post(
    '/visitor/context',
    {
      config: limit,
      schema: {
        response: replies({ 200: VisitorContextAnswer }, VISITOR),
        tags: ['visitor'],
        summary:
          "Report the visitor's page, title, referrer, language and clock; stored on their open conversation",
        body: visitorContextBody,
      },
    },
    async (request) => {
      const scope = visitorScope(request);
      const b = request.body;
      const { result } = await perform(services, scope, (ctx) =>
        updateVisitorContext(ctx, {
          channelId: scope.principal.channelId,
          contactId: scope.principal.contactId,
          userAgent: request.headers['user-agent'] ?? null,
          report: {
            url: new URL(b.url).href,
            title: b.title?.trim() || null,
            referrer: b.referrer ? new URL(b.referrer).href : null,
            language: b.language ?? null,
            timeZone: b.timeZone ?? null,
            utcOffsetMin: b.utcOffsetMin ?? null,
          },
        }),
      );
      return result;
    },
  );
}
