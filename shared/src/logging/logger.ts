import { pino, type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process; request loggers are children carrying `reqId`. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: { paths: ['req.headers.authorization', '*.password', '*.refreshToken', '*.accessToken'], remove: true },
  });
}
