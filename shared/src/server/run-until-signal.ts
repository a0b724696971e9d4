import type { Logger } from 'pino';
import { ConfigError } from '../config/env.js';
import { createLogger } from '../logging/logger.js';

/**
 * Starts a service and stops it gracefully on SIGTERM/SIGINT (Kubernetes, Ctrl-C):
 * in-flight requests finish, then resources close. A failed start exits non-zero.
 */
export async function runUntilSignal(
  start: () => Promise<{ close: () => Promise<void> }>,
  logger: Logger,
): Promise<void> {
  let service: { close: () => Promise<void> };
  try {
    service = await start();
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000).unref();
    try {
      await service.close();
      clearTimeout(timer);
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * A service's `main`: loads its config (a bad environment prints every problem and
 * exits 1), creates its logger, starts it and stops it gracefully on a signal.
 */
export async function runService<C extends { LOG_LEVEL: string }>(
  name: string,
  loadConfig: () => C,
  start: (config: C, logger: Logger) => Promise<{ close: () => Promise<void> }>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(name, config.LOG_LEVEL);
  await runUntilSignal(() => start(config, logger), logger);
}
