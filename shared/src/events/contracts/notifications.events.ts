import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { isoTime, uuid } from './common.js';

/**
 * A notification was stored for its recipient (the gateway's `notificationAdded` reads
 * these). Ids and the kind only: the title and body name amounts, so subscribers fetch
 * them through the notifications subgraph, which answers only the recipient.
 */
export const NotificationAdded = defineEvent(
  'NOTIFICATIONS',
  'notifications.notification.added',
  1,
  z.object({ notificationId: uuid, recipientId: uuid, kind: z.string(), createdAt: isoTime }),
);
