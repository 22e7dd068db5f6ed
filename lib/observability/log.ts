/**
 * Structured server logs: one JSON object per line, so a log shipper can index them without parsing
 * prose. Never pass secrets in fields: messages from lib/http already leave out queries and credentials.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export type LogSink = (line: string, level: LogLevel) => void;

const writeLine: LogSink = (line, level) => {
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

const holder = globalThis as typeof globalThis & { __runlensLogSink?: LogSink };

/** One JSON line: `{"time", "level", "event", ...fields}`; undefined fields are left out. */
export function logEvent(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  (holder.__runlensLogSink ?? writeLine)(line, level);
}

/** Tests only: capture the lines instead of writing them; null restores stdout/stderr. */
export function setLogSink(sink: LogSink | null): void {
  holder.__runlensLogSink = sink ?? undefined;
}
