import { ValidationError } from '@peerseed/shared/domain';
import type { NotificationPosition } from './ports.js';

// Opaque to clients: base64url of "<createdAt ms>:<id>". Both never change (marking read
// changes neither), so a cursor keeps its place while notifications arrive or are read.

export function encodeNotificationCursor(position: NotificationPosition): string {
  return Buffer.from(`${position.createdAt.getTime()}:${position.id}`).toString('base64url');
}

export function decodeNotificationCursor(cursor: string): NotificationPosition {
  const match = /^(\d{1,15}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) throw new ValidationError('after must be a cursor returned by myNotifications', 'after');
  return { createdAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() };
}
