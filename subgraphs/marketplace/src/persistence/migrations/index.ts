import type { MigrationObject } from '@mikro-orm/core';
import { EventTablesMigration } from '@peerseed/shared';
import { Migration20261123100000_initial } from './Migration20261123100000_initial.js';

/** Committed migrations, in order (listed explicitly so src and dist run the same). */
export const marketplaceMigrations: MigrationObject[] = [
  { name: 'Migration20261123100000_initial', class: Migration20261123100000_initial },
  { name: 'Migration20261123100001_event_tables', class: EventTablesMigration },
];
