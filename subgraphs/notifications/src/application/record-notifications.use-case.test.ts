import { describe, expect, it } from '@jest/globals';
import { onDistributionCredited } from '../domain/notification-recipients.js';
import type { Notification } from '../domain/notification.js';
import { InMemoryNotifications, ManualClock, sequentialIds, uuid } from '../../test/fakes/in-memory-notifications.js';
import { RecordNotifications } from './record-notifications.use-case.js';

const drafts = () =>
  onDistributionCredited({
    cprId: uuid(1),
    installmentNumber: 1,
    credits: [
      { investorId: uuid(11), amount: 100n },
      { investorId: uuid(12), amount: 200n },
    ],
  });

function fixture() {
  const uow = new InMemoryNotifications();
  const announced: Notification[][] = [];
  const record = new RecordNotifications({
    uow,
    ids: sequentialIds(),
    clock: new ManualClock(),
    onStored: (stored) => announced.push(stored),
  });
  return { uow, announced, record };
}

describe('RecordNotifications', () => {
  it('stores one notification per recipient, one PENDING email and one added event for each, then announces them', async () => {
    const { uow, announced, record } = fixture();
    const stored = await record.execute(uuid(500), drafts());
    expect(uow.notifications.map((n) => [n.recipientId, n.kind, n.eventId, n.readAt])).toEqual([
      [uuid(11), 'DISTRIBUTION_CREDITED', uuid(500), null],
      [uuid(12), 'DISTRIBUTION_CREDITED', uuid(500), null],
    ]);
    expect(uow.emails.map((e) => [e.notificationId, e.recipientId, e.status, e.attempts])).toEqual(
      stored.map((n) => [n.id, n.recipientId, 'PENDING', 0]),
    );
    expect(uow.emails[0]!.subject).toBe('Peerseed: Pagamento recebido');
    expect(uow.added).toEqual(stored.map((n) => n.id));
    expect(announced).toEqual([stored]);
  });

  it('stores nothing more for an event already recorded for those recipients', async () => {
    const { uow, announced, record } = fixture();
    await record.execute(uuid(500), drafts());
    expect(await record.execute(uuid(500), drafts())).toEqual([]);
    expect(uow.notifications).toHaveLength(2);
    expect(uow.emails).toHaveLength(2);
    expect(uow.added).toHaveLength(2);
    expect(announced).toHaveLength(1);
  });

  it('announces nothing when the transaction does not commit', async () => {
    const { uow, announced, record } = fixture();
    uow.failNextCommit = true;
    await expect(record.execute(uuid(500), drafts())).rejects.toThrow('commit failed');
    expect(uow.notifications).toEqual([]);
    expect(uow.added).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('does nothing for an event no one should hear about', async () => {
    const { uow, announced, record } = fixture();
    expect(await record.execute(uuid(500), [])).toEqual([]);
    expect(uow.emails).toEqual([]);
    expect(announced).toEqual([]);
  });
});
