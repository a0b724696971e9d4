import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { loadContactsConfig } from './config.js';
import { startContactsWorker } from './worker-app.js';

await runService(
  'contacts-worker',
  () => loadContactsConfig(),
  (config, logger) => startContactsWorker({ config, logger }),
);
