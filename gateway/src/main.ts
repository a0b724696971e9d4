import { runService } from '@peerseed/shared';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

await runService(
  'gateway',
  () => loadGatewayConfig(),
  (config, logger) => startGateway({ config, logger }),
);
