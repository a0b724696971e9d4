import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { startContacts } from './app.js';
import { loadContactsConfig } from './config.js';

await runService(
  'contacts',
  () => loadContactsConfig(),
  (config, logger) => startContacts({ config, logger }),
);
