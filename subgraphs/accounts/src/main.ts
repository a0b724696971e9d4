import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { startAccounts } from './app.js';
import { loadAccountsConfig } from './config.js';

await runService(
  'accounts',
  () => loadAccountsConfig(),
  (config, logger) => startAccounts({ config, logger }),
);
