import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Ids that follow one piece of work from the HTTP request through its events to the
 * projections and jobs they cause. Every log line inside the context carries them.
 */
export interface TraceContext {
  requestId?: string;
  correlationId: string;
  causationId?: string;
}

const traceStorage = new AsyncLocalStorage<TraceContext>();

export function withTrace<T>(context: TraceContext, work: () => T): T {
  return traceStorage.run(context, work);
}

export function currentTrace(): TraceContext | undefined {
  return traceStorage.getStore();
}

/** The current correlation id, or a fresh one for work that starts outside any request. */
export function correlationId(): string {
  return traceStorage.getStore()?.correlationId ?? randomUUID();
}

/** Paths pino blanks out wherever they appear: secrets never reach a log. */
export const redactedPaths = [
  'password',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'client_secret',
  '*.client_secret',
  'privateKey',
  '*.privateKey',
];

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: redactedPaths, censor: '[redacted]' },
    mixin() {
      return { ...traceStorage.getStore() };
    },
  };
  if (options.name) loggerOptions.name = options.name;
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
