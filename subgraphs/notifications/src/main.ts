import 'reflect-metadata';
import { runService } from '@peerseed/shared';
import { startNotifications } from './app.js';
import { loadNotificationsConfig } from './config.js';

await runService(
  'notifications',
  () => loadNotificationsConfig(),
  (config, logger) => startNotifications({ config, logger }),
);
