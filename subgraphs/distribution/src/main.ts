import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { startDistribution } from './app.js';
import { loadDistributionConfig } from './config.js';

await runService(
  'distribution',
  () => loadDistributionConfig(),
  (config, logger) => startDistribution({ config, logger }),
);
