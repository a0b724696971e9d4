import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import type { ContactCursor, ContactRepository } from '../application/ports.js';
import { ContactStatus, type Contact } from '../domain/contact.js';
import { ContactEntity, ContactRequestEntity, type ContactRequestRow, type ContactRow } from './entities.js';

const active = (row: ContactRow): Contact => ({
  ...detailsOf(row),
  version: row.version,
  status: ContactStatus.ACTIVE,
});
const pending = (row: ContactRequestRow): Contact => ({ ...detailsOf(row), version: 0, status: ContactStatus.PENDING });

function detailsOf(row: ContactRequestRow): ContactRequestRow {
  const { id, ownerId, firstName, lastName, email, phone, createdAt, updatedAt } = row;
  return { id, ownerId, firstName, lastName, email, phone, createdAt, updatedAt };
}

const byPageOrder = (a: Contact, b: Contact) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const forUpdate = { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } as const;

/** Both tables behind one port: the application sees contacts with a status. */
export class MikroOrmContactRepository implements ContactRepository {
  constructor(private readonly em: Em) {}

  async findByIds(ids: readonly string[]): Promise<Contact[]> {
    const where = { id: { $in: [...ids] } };
    const options = { disableIdentityMap: true } as const;
    // PENDING first: a contact the worker moves between the two queries then shows up in
    // both (the persisted one wins below), never in neither.
    const requests = await this.em.find(ContactRequestEntity, where, options);
    const rows = await this.em.find(ContactEntity, where, options);
    const persisted = new Set(rows.map((r) => r.id));
    return [...rows.map(active), ...requests.filter((r) => !persisted.has(r.id)).map(pending)];
  }

  async findByIdForUpdate(id: string): Promise<Contact | null> {
    const row = await this.em.findOne(ContactEntity, { id }, forUpdate);
    if (row) return active(row);
    const request = await this.em.findOne(ContactRequestEntity, { id }, forUpdate);
    if (request) return pending(request);
    // The worker may have persisted it while we waited for the PENDING row's lock.
    const moved = await this.em.findOne(ContactEntity, { id }, forUpdate);
    return moved ? active(moved) : null;
  }

  async pageOfOwner(ownerId: string, after: ContactCursor | null, limit: number): Promise<Contact[]> {
    const where = {
      ownerId,
      ...(after
        ? { $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }] }
        : {}),
    };
    const options = { orderBy: { createdAt: 'asc', id: 'asc' }, limit, disableIdentityMap: true } as const;
    // PENDING first, for the reason given in findByIds.
    const requests = await this.em.find(ContactRequestEntity, where as FilterQuery<ContactRequestRow>, options);
    const rows = await this.em.find(ContactEntity, where as FilterQuery<ContactRow>, options);
    const persisted = new Set(rows.map((r) => r.id));
    const merged = [...rows.map(active), ...requests.filter((r) => !persisted.has(r.id)).map(pending)];
    return merged.sort(byPageOrder).slice(0, limit);
  }

  async allPending(): Promise<Contact[]> {
    const rows = await this.em.find(
      ContactRequestEntity,
      {},
      { orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true },
    );
    return rows.map(pending);
  }

  async addPending(contact: Contact): Promise<void> {
    await this.em.insert(ContactRequestEntity, detailsOf(contact));
  }

  async persist(contact: Contact): Promise<boolean> {
    // `on conflict do nothing`: a second persist of the same id stores nothing and does not abort the transaction.
    const inserted = await this.em
      .createQueryBuilder(ContactEntity)
      .insert({ ...detailsOf(contact), version: contact.version })
      .onConflict('id')
      .ignore()
      .execute('run');
    await this.em.nativeDelete(ContactRequestEntity, { id: contact.id });
    return inserted.affectedRows === 1;
  }

  async save(contact: Contact): Promise<void> {
    const { firstName, lastName, email, phone, updatedAt } = contact;
    if (contact.status === ContactStatus.ACTIVE) {
      await this.em.nativeUpdate(
        ContactEntity,
        { id: contact.id },
        { firstName, lastName, email, phone, updatedAt, version: contact.version },
      );
    } else {
      await this.em.nativeUpdate(
        ContactRequestEntity,
        { id: contact.id },
        { firstName, lastName, email, phone, updatedAt },
      );
    }
  }

  async remove(contact: Contact): Promise<void> {
    if (contact.status === ContactStatus.ACTIVE) await this.em.nativeDelete(ContactEntity, { id: contact.id });
    else await this.em.nativeDelete(ContactRequestEntity, { id: contact.id });
  }
}
