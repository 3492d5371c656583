/** One pino logger per relay: JSON lines on stdout (tests and scripts/start.ts parse them). */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { name: 'relay' } });
}
