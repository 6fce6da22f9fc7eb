import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from '../logger.js';

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/**
 * What the Slack libraries may log: at debug level they print request and response bodies, ack
 * payloads and raw events, which hold candidate names and notes. Those parts are cut; the rest
 * (method names, retries, connection state, error codes) stays.
 */
export function sanitizeLibraryMessage(message: string): string {
  const trimmed = message.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return '[payload redacted]';
  const payloadAt = trimmed.search(/[{[]|(body|payload|data|message|result)\s*[:=(]/i);
  if (payloadAt === -1) return trimmed;
  return `${trimmed.slice(0, payloadAt).trimEnd()} [payload redacted]`;
}

/**
 * Bolt and the WebClient log through this adapter so every line is structured JSON, with their
 * payload dumps removed (see sanitizeLibraryMessage).
 */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    child[level](sanitizeLibraryMessage(msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : String(m))).join(' ')));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level: LogLevel) => {
      child.level = toPino[level] ?? 'info';
    },
    getLevel: () => (Object.entries(toPino).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
