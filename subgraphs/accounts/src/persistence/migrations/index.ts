import type { MigrationObject } from '@mikro-orm/core';
import { EventTablesMigration } from '@peerseed/shared';
import { Migration20261123000000_initial } from './Migration20261123000000_initial.js';
import { Migration20261127000000_signing_key_activation } from './Migration20261127000000_signing_key_activation.js';

/** Committed migrations, in order. Listed explicitly so src (tests) and dist (production) run the same. */
export const accountsMigrations: MigrationObject[] = [
  { name: 'Migration20261123000000_initial', class: Migration20261123000000_initial },
  { name: 'Migration20261123010000_event_tables', class: EventTablesMigration },
  { name: 'Migration20261127000000_signing_key_activation', class: Migration20261127000000_signing_key_activation },
];
