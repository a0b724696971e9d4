import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { startWallet } from './app.js';
import { loadWalletConfig } from './config.js';

await runService(
  'wallet',
  () => loadWalletConfig(),
  (config, logger) => startWallet({ config, logger }),
);
