import type { MigrationObject } from '@mikro-orm/core';
import { EventTablesMigration } from '@peerseed/shared';
import { Migration20261124000000_ledger } from './Migration20261124000000_ledger.js';
import { Migration20261124000100_deposits_payments_projection } from './Migration20261124000100_deposits_payments_projection.js';

/** Committed migrations, in order. Listed explicitly so src (tests) and dist (production) run the same. */
export const walletMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_ledger', class: Migration20261124000000_ledger },
  {
    name: 'Migration20261124000100_deposits_payments_projection',
    class: Migration20261124000100_deposits_payments_projection,
  },
  { name: 'Migration20261124000200_event_tables', class: EventTablesMigration },
];
