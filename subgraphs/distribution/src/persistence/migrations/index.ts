import type { MigrationObject } from '@mikro-orm/core';
import { EventTablesMigration } from '@peerseed/shared';
import { Migration20261125000000_holdings_distributions } from './Migration20261125000000_holdings_distributions.js';

/** Committed migrations, in order. Listed explicitly so src (tests) and dist (production) run the same. */
export const distributionMigrations: MigrationObject[] = [
  {
    name: 'Migration20261125000000_holdings_distributions',
    class: Migration20261125000000_holdings_distributions,
  },
  { name: 'Migration20261125000100_event_tables', class: EventTablesMigration },
];
