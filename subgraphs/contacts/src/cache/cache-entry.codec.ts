import type { CacheEntry } from '../application/ports.js';
import type { Contact } from '../domain/contact.js';

// One text format for both caches: "<version>|<json or empty>". The version leads, so
// Redis' compare-and-set script reads it without a JSON parser; an empty body is a tombstone.

export function encodeEntry(version: number, contact: Contact | null): string {
  return `${version}|${contact ? JSON.stringify(contact) : ''}`;
}

export function versionOf(text: string): number {
  return Number(text.slice(0, text.indexOf('|')));
}

/** Parses an entry; anything unreadable (another format, a bug) is a miss. */
export function decodeEntry(text: string): CacheEntry | null {
  const bar = text.indexOf('|');
  const version = Number(text.slice(0, bar));
  if (bar < 1 || !Number.isInteger(version)) return null;
  const body = text.slice(bar + 1);
  if (body === '') return { version, contact: null };
  try {
    const raw = JSON.parse(body) as Contact & { createdAt: string; updatedAt: string };
    return { version, contact: { ...raw, createdAt: new Date(raw.createdAt), updatedAt: new Date(raw.updatedAt) } };
  } catch {
    return null;
  }
}
