import type { FastifyInstance } from 'fastify';
import { registerAccountRoutes } from './account.js';
import { registerAuthRoutes } from './auth.js';
import { registerChannelContactRoutes } from './channels-contacts.js';
import { registerChannelDeliveryRoutes } from './channels-deliveries.js';
import { registerChannelInboundRoutes } from './channels-inbound.js';
import { registerConversationActionRoutes } from './conversation-actions.js';
import { registerConversationRoutes } from './conversations.js';
import { registerHealthRoutes } from './health.js';
import { registerMonitorRoutes } from './monitor.js';
import { registerOperatorRoutes } from './operators.js';
import { registerRealtimeRoutes } from './realtime.js';
import { registerSettingsRoutes } from './settings.js';
import { registerStaticRoutes } from './static.js';
import { registerUploadRoutes } from './uploads.js';
import { registerVisitorRoutes } from './visitor.js';
import { registerWebhookRoutes } from './webhooks.js';
import { registerWidgetRoutes } from './widget.js';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(registerHealthRoutes);
  await app.register(registerAuthRoutes, { prefix: '/api/v1' });
  await app.register(registerOperatorRoutes, { prefix: '/api/v1' });
  await app.register(registerAccountRoutes, { prefix: '/api/v1' });
  await app.register(registerConversationRoutes, { prefix: '/api/v1' });
  await app.register(registerConversationActionRoutes, { prefix: '/api/v1' });
  await app.register(registerMonitorRoutes, { prefix: '/api/v1' });
  await app.register(registerSettingsRoutes, { prefix: '/api/v1' });
  await app.register(registerUploadRoutes, { prefix: '/api/v1' });
  await app.register(registerVisitorRoutes, { prefix: '/api/v1' });
  await app.register(registerWidgetRoutes, { prefix: '/api/v1' });
  await app.register(registerRealtimeRoutes, { prefix: '/api/v1' });
  await app.register(registerChannelInboundRoutes, { prefix: '/api/v1' });
  await app.register(registerChannelDeliveryRoutes, { prefix: '/api/v1' });
  await app.register(registerChannelContactRoutes, { prefix: '/api/v1' });
  await app.register(registerWebhookRoutes, { prefix: '/api/v1' });
  await app.register(registerStaticRoutes);
}
