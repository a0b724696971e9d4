import { ValidationError } from '@peerseed/shared/domain';
import type { Contact } from '../domain/contact.js';
import type { ContactCursor } from './ports.js';

// Opaque to clients: base64url of "<createdAt ms>:<id>". Both parts are immutable, so a
// cursor keeps its place across edits, deletes of other contacts and the worker's persist.

export function encodeCursor(contact: Pick<Contact, 'createdAt' | 'id'>): string {
  return Buffer.from(`${contact.createdAt.getTime()}:${contact.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): ContactCursor {
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/i.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError('Cursor is not valid', 'after');
  return { createdAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() };
}
