import type { MigrationObject } from '@mikro-orm/core';
import { EventTablesMigration } from '@peerseed/shared';
import { Migration20261201000000_contacts } from './Migration20261201000000_contacts.js';

/** Committed migrations, in order. Listed explicitly so src (tests) and dist (production) run the same. */
export const contactsMigrations: MigrationObject[] = [
  { name: 'Migration20261201000000_contacts', class: Migration20261201000000_contacts },
  { name: 'Migration20261201010000_event_tables', class: EventTablesMigration },
];
