import pino, { type Logger } from 'pino';
import { redactConfigured } from '@/lib/security/secrets';

/**
 * Structured server logs through pino: one JSON object per line (`{"level","time","event",...fields}`),
 * so a log shipper can index them without parsing prose. Secrets never reach a line: fields named like
 * credentials are censored by pino's redaction paths, and every string value (upstream messages may quote
 * anything) has the configured secrets redacted.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export type LogSink = (line: string, level: LogLevel) => void;

/** Field names whose values are never logged, at the top level or one level down. */
export const REDACTED_LOG_PATHS = ['authorization', 'password', 'token', 'apiKey', 'api_key', 'secret', 'cookie', 'headers.authorization', 'headers.cookie', '*.authorization', '*.password', '*.token', '*.apiKey'];

const writeLine: LogSink = (line, level) => {
  (level === 'info' ? process.stdout : process.stderr).write(line);
};

const holder = globalThis as typeof globalThis & { __runlensLogSink?: LogSink; __runlensLogger?: { logger: Logger; level: LogLevel } };

function state(): { logger: Logger; level: LogLevel } {
  if (holder.__runlensLogger) return holder.__runlensLogger;
  const current = { level: 'info' as LogLevel, logger: null as unknown as Logger };
  // A synchronous stream: lines go out in order, and tests can capture them through setLogSink.
  const stream = { write: (line: string) => (holder.__runlensLogSink ?? writeLine)(line, current.level) };
  current.logger = pino({
    base: undefined,
    messageKey: 'event',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  }, stream);
  holder.__runlensLogger = current;
  return current;
}

/** One JSON line; undefined fields are left out. */
export function logEvent(level: LogLevel, event: string, fields: LogFields = {}): void {
  const clean: LogFields = {};
  for (const [key, value] of Object.entries(fields)) clean[key] = typeof value === 'string' ? redactConfigured(value) : value;
  const current = state();
  current.level = level;
  current.logger[level](clean, event);
}

/** Tests only: capture the lines (without the trailing newline) instead of writing them; null restores stdout/stderr. */
export function setLogSink(sink: LogSink | null): void {
  holder.__runlensLogSink = sink === null ? undefined : (line, level) => sink(line.replace(/\n$/, ''), level);
}
