// The HTTP app factory, separate from listen() so tests call inject() without a socket.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Services } from '../actions/context.js';
import type { GroupCommit } from '../actions/messages/group-commit.js';
import type { Config } from '../config.js';
import { AppError, ERROR_CATALOG } from '../errors.js';
import { timeHttp } from '../metrics.js';
import type { Realtime } from '../realtime/gateway.js';
import type { StoreKind } from '../store/database.js';
import { classifyDatabaseError } from '../store/resilience.js';
import { reasonOfIssue } from '../validation-reason.js';
import { CSRF_HEADER, type Principal, resolvePrincipal } from './auth.js';
import { eventsJsonSchema } from './events-schema.js';
import { frameworkErrors, registerInputGuards } from './input-guards.js';
import {
  createLoginLimits,
  createMemoryCounter,
  createRedisCounter,
  type LoginLimits,
} from './rate-limits.js';
import { registerRoutes } from './routes/index.js';
import { registerSecurityHeaders } from './security-headers.js';
import {
  addCommonErrors,
  openapiTransform,
  openapiTransformObject,
  serializerCompiler,
} from './serializer.js';
import { createVisitorLimits, type VisitorLimits, visitorBudgets } from './visitor-limits.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    deps: HttpDeps;
    visitorLimits: VisitorLimits;
    loginLimits: LoginLimits;
  }
}

export interface HttpDeps {
  services: Services;
  messages: GroupCommit;
  config: Config;
  realtime: Realtime;
  storeKind: StoreKind;
}

export async function buildHttpApp(
  deps: HttpDeps,
  logger: Logger | false,
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: (logger || undefined) as FastifyBaseLogger | undefined,
    // Off unless configured (TRUST_PROXY): X-Forwarded-For from anyone else is ignored.
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Long enough that an over-long id reaches its schema and is named there
    // (400 on `id`), rather than silently matching no route.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('visitorLimits', createVisitorLimits(visitorBudgets(deps.config)));
  // Shared by every node through Redis when there is one (src/http/rate-limits.ts).
  const counter = deps.config.redisUrl
    ? createRedisCounter(
        deps.config.redisUrl,
        deps.config.redisPrefix,
        createMemoryCounter(),
        logger || undefined,
      )
    : createMemoryCounter();
  app.decorate('loginLimits', createLoginLimits(deps.config.rateLimits, counter));
  app.addHook('onClose', () => app.loginLimits.close());
  app.decorateRequest('principal', null);

  await registerSecurityHeaders(app, deps.config.publicUrl);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1 } });
  await app.register(rateLimit, { global: false, errorResponseBuilder: rateLimitError });
  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });
  // Before swagger: it must see the common error answers on every route.
  addCommonErrors(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: '1',
        description:
          'REST API of Switchboard. Realtime protocol: docs/realtime.md; its messages as JSON Schema: /api/events.schema.json. Versioning: docs/api.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: openapiTransform,
    transformObject: openapiTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerInputGuards(app);
  app.addHook('onRequest', async (request) => {
    request.principal = await resolvePrincipal(
      deps.services.db,
      deps.config,
      request,
      deps.services.now(),
    );
    // Cookie-authenticated writes need the session's CSRF token in a header
    // (a cross-site form cannot set one). Tokens and visitors are not cookies.
    const p = request.principal;
    if (p?.kind === 'operator' && p.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== p.csrf) throw new AppError('csrf_failed');
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error);
    if (body.status >= 500 && body.error.code !== 'database_unavailable') request.log.error(error);
    reply.status(body.status).send({ error: body.error });
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: 'Not found.', field: null } });
  });

  timeHttp(app);
  await registerRoutes(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const eventsSchema = JSON.stringify(eventsJsonSchema());
  app.get('/api/events.schema.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/schema+json').send(eventsSchema),
  );
  return app;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface ErrorBody {
  status: number;
  error: {
    code: string;
    message: string;
    field: string | null;
    /** Bad input only: the rule broken (validation-reason.ts) and its numbers. */
    reason?: string;
    params?: Record<string, number>;
  };
}

function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return {
      status: error.status,
      error: {
        code: error.code,
        message: error.message,
        field: error.field ?? null,
        ...(error.detail ?? (error.code === 'validation_failed' ? { reason: 'invalid' } : {})),
      },
    };
  }
  const e = error as {
    validation?: {
      keyword?: string;
      instancePath?: string;
      message?: string;
      params?: { issue?: { path?: unknown[] } } & Record<string, unknown>;
    }[];
    statusCode?: number;
    code?: string;
    message?: string;
  };
  if (e.validation && e.validation.length > 0) {
    const first = e.validation[0]!;
    const path =
      first.params?.issue?.path?.join('.') ||
      first.instancePath?.replace(/^\//, '').replace(/\//g, '.');
    return {
      status: 400,
      error: {
        code: 'validation_failed',
        message: first.message ?? 'Invalid input.',
        field: path || null,
        ...reasonOfIssue(first.keyword, first.params, first.message),
      },
    };
  }
  if (e.statusCode === 413) return catalog('payload_too_large');
  // A JSON route sent another type, or an upload route sent something other than multipart.
  if (e.statusCode === 415)
    return mediaType('Send JSON: Content-Type application/json.', 'content-type');
  if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return mediaType('Send the file as multipart/form-data.', 'content-type');
  if (e.statusCode === 429) return catalog('rate_limited');
  if (e.statusCode === 404) return catalog('not_found');
  // Fastify's other client errors (an unparsable or empty JSON body…): the
  // catalog's status for validation_failed, so the code always means one thing.
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: 400,
      error: {
        code: 'validation_failed',
        message: e.message ?? 'Bad request.',
        field: null,
        reason: 'invalid',
      },
    };
  }
  // A read that found the database away (writes say so through perform).
  if (classifyDatabaseError(error) === 'unavailable') return catalog('database_unavailable');
  return catalog('internal');
}

function catalog(code: keyof typeof ERROR_CATALOG): ErrorBody {
  const c = ERROR_CATALOG[code];
  return { status: c.status, error: { code, message: c.message, field: null } };
}

function mediaType(message: string, field: string): ErrorBody {
  return { status: 415, error: { code: 'unsupported_media_type', message, field } };
}

function rateLimitError() {
  return new AppError('rate_limited');
}
