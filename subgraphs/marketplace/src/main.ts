import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { startMarketplace } from './app.js';
import { loadMarketplaceConfig } from './config.js';

await runService(
  'marketplace',
  () => loadMarketplaceConfig(),
  (config, logger) => startMarketplace({ config, logger }),
);
