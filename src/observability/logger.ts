import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config.js';

/**
 * Where a secret could reach a log line. API keys travel only in the Authorization header; the
 * request log never prints headers, and these paths are censored should any line carry them.
 */
const SECRET_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.cookie',
  'req.headers.cookie',
  'password',
  'key',
];

/**
 * What a database error carries of the rows and values involved: TypeORM's SQL parameters (callers'
 * input, an API key's lookup prefix) and PostgreSQL's `detail` ("Key (code)=(XY) already exists",
 * "Failing row contains (...)") and `where`. The SQL text and the message stay, to say what failed.
 */
const ROW_VALUE_FIELDS = ['parameters', 'detail', 'where'];

function withoutRowValues(serialized: Record<string, unknown>, depth = 0): Record<string, unknown> {
  for (const field of ROW_VALUE_FIELDS) {
    if (serialized[field] !== undefined) serialized[field] = '[redacted]';
  }
  // TypeORM wraps the driver's error (driverError), which pino serializes as a nested error.
  for (const value of Object.values(serialized)) {
    if (depth < 3 && typeof value === 'object' && value !== null && 'stack' in value) {
      withoutRowValues(value as Record<string, unknown>, depth + 1);
    }
  }
  return serialized;
}

/** Errors as pino prints them, less row values; a client's mistake (an HTTP 4xx) without its stack. */
export function serializeError(error: Error): Record<string, unknown> {
  const serialized = withoutRowValues(pino.stdSerializers.err(error) as unknown as Record<string, unknown>);
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) delete serialized.stack;
  return serialized;
}

/** The process's one JSON logger: a line per event, with `requestId` on everything a request caused. */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'coalition-registry' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination ?? process.stdout,
  );
}

type NestLevel = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's own logging (bootstrap, `new Logger(...)` in services) through the same JSON logger.
 * Nest calls `log(message, context)` and `error(message, stack, context)`; an object message is
 * merged into the line as fields.
 */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: NestLevel, message: unknown, rest: unknown[]) {
    const strings = rest.filter((part): part is string => typeof part === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    const fields: Record<string, unknown> = { context, ...(stack ? { stack } : {}) };
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
