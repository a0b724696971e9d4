import { describe, expect, it } from '@jest/globals';
import { InMemoryNotifications, ManualClock, uuid } from '../../test/fakes/in-memory-notifications.js';
import type { Notification } from '../domain/notification.js';
import { ListMyNotifications } from './list-my-notifications.use-case.js';
import { MarkNotificationRead } from './mark-notification-read.use-case.js';
import { decodeNotificationCursor, encodeNotificationCursor } from './notification-cursor.js';

const ANA = uuid(11);
const BRUNO = uuid(12);

function fixture() {
  const uow = new InMemoryNotifications();
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));
  const add = (n: number, recipientId: string, minute: number): Notification => {
    const notification: Notification = {
      id: uuid(n),
      eventId: uuid(100 + n),
      recipientId,
      kind: 'OFFER_FUNDED',
      title: 't',
      body: `b${n}`,
      createdAt: at(minute),
      readAt: null,
    };
    uow.notifications.push(notification);
    return notification;
  };
  const clock = new ManualClock();
  return { uow, add, clock, list: new ListMyNotifications(uow), mark: new MarkNotificationRead(uow, clock) };
}

describe('notification cursors', () => {
  it('round-trip (createdAt, id) and refuse anything else', () => {
    const position = { createdAt: new Date('2026-12-01T12:00:00.123Z'), id: uuid(7) };
    expect(decodeNotificationCursor(encodeNotificationCursor(position))).toEqual(position);
    expect(() => decodeNotificationCursor('bm9wZQ')).toThrow(/cursor/);
    expect(() => decodeNotificationCursor(Buffer.from(`1:${uuid(1)}; drop`).toString('base64url'))).toThrow();
  });
});

describe('ListMyNotifications', () => {
  it('pages newest first, ties by id, only the caller’s', async () => {
    const { add, list } = fixture();
    add(1, ANA, 1);
    add(2, ANA, 2);
    add(3, ANA, 2);
    add(4, BRUNO, 3);
    const first = await list.execute(ANA, { first: 2 });
    expect(first.edges.map((e) => e.notification.id)).toEqual([uuid(3), uuid(2)]);
    expect(first.hasNextPage).toBe(true);
    const rest = await list.execute(ANA, { first: 2, after: first.edges[1]!.cursor });
    expect(rest.edges.map((e) => e.notification.id)).toEqual([uuid(1)]);
    expect(rest.hasNextPage).toBe(false);
  });

  it('defaults to 20 and refuses first outside 0..100', async () => {
    const { add, list } = fixture();
    for (let n = 1; n <= 25; n += 1) add(n, ANA, n);
    expect((await list.execute(ANA, {})).edges).toHaveLength(20);
    expect((await list.execute(ANA, { first: 0 })).edges).toEqual([]);
    await expect(list.execute(ANA, { first: 101 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(list.execute(ANA, { first: -1 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('MarkNotificationRead', () => {
  it('sets readAt once; marking again keeps the first time', async () => {
    const { add, mark, clock, list } = fixture();
    add(1, ANA, 1);
    add(2, ANA, 2);
    const first = await mark.execute(ANA, uuid(1));
    clock.advance(60_000);
    const again = await mark.execute(ANA, uuid(1));
    expect(again.readAt).toEqual(first.readAt);
    const unread = await list.execute(ANA, { unreadOnly: true });
    expect(unread.edges.map((e) => e.notification.id)).toEqual([uuid(2)]);
  });

  it('answers NOT_FOUND for someone else’s notification, a missing one, or a malformed id', async () => {
    const { add, mark, uow } = fixture();
    add(1, BRUNO, 1);
    await expect(mark.execute(ANA, uuid(1))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mark.execute(ANA, uuid(9))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mark.execute(ANA, 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(uow.notifications[0]!.readAt).toBeNull();
  });
});
