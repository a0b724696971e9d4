import type { MigrationObject } from '@mikro-orm/core';
import { EventTablesMigration } from '@peerseed/shared';
import { Migration20261205000000_notifications } from './Migration20261205000000_notifications.js';

/** Committed migrations, in order. Listed explicitly so src (tests) and dist (production) run the same. */
export const notificationsMigrations: MigrationObject[] = [
  { name: 'Migration20261205000000_notifications', class: Migration20261205000000_notifications },
  { name: 'Migration20261205000100_event_tables', class: EventTablesMigration },
];
