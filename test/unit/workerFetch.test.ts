import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySlackError } from '../../src/slack/slackErrors.js';
import { createWorkerFetch, type WorkerFetch } from '../../src/slack/workerFetch.js';

/** A tiny Web API stand-in: each path answers one way, and the last request is kept. */
let server: Server;
let base: string;
let last: { path: string; body: string; headers: IncomingMessage['headers'] } | undefined;
const routes: Record<string, (res: ServerResponse) => void> = {
  '/api/chat.postMessage': (res) => res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' }).end(JSON.stringify({ ok: true, ts: '1.000100' })),
  '/api/chat.update': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'message_not_found' })),
  '/api/conversations.open': (res) => res.writeHead(429, { 'retry-after': '7' }).end(),
  '/api/users.info': (res) => res.writeHead(503).end('down'),
  '/api/views.open': () => {}, // never answers
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      last = { path: req.url ?? '', body, headers: req.headers };
      (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function client(transport: WorkerFetch, timeout = 0, url = base): WebClient {
  return new WebClient('xoxb-test', { slackApiUrl: url, fetch: transport.fetch, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout, logLevel: LogLevel.ERROR });
}

describe('the Web API transport on a worker thread', () => {
  it('carries the request and brings back status, headers and body for the WebClient to read', async () => {
    const transport = createWorkerFetch();
    try {
      const res = await client(transport).chat.postMessage({ channel: 'C1', text: 'hallo <wereld> & co' });
      expect(res.ok).toBe(true);
      expect(res.ts).toBe('1.000100');
      expect(res.response_metadata?.scopes).toEqual(['chat:write']);
      expect(last?.path).toBe('/api/chat.postMessage');
      expect(new URLSearchParams(last?.body).get('text')).toBe('hallo <wereld> & co');
      expect(last?.headers.authorization).toBe('Bearer xoxb-test');
    } finally {
      await transport.close();
    }
  });

  it.each([
    ['chat.update', { code: 'message_not_found', retryable: false }],
    ['conversations.open', { code: 'ratelimited', retryable: true, retryAfterSeconds: 7 }],
    ['users.info', { code: 'http_503', retryable: true }],
  ] as const)('a failing %s is classified as it would be without the worker', async (method, expected) => {
    const transport = createWorkerFetch();
    try {
      const error = await client(transport).apiCall(method, { channel: 'C1', ts: '1', users: 'U1', user: 'U1' }).then(() => undefined, (e: unknown) => e);
      expect(classifySlackError(error)).toMatchObject(expected);
    } finally {
      await transport.close();
    }
  });

  it('a call that never answers ends at the timeout as a retryable "may have reached Slack"', async () => {
    const transport = createWorkerFetch();
    try {
      const error = await client(transport, 200).views.open({ trigger_id: 'x', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }).then(() => undefined, (e: unknown) => e);
      expect(classifySlackError(error)).toEqual({ code: 'timeout', retryable: true, maybeDelivered: true });
    } finally {
      await transport.close();
    }
  });

  it('a refused connection is a network error that never reached Slack', async () => {
    const transport = createWorkerFetch();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    try {
      const error = await client(transport, 0, `http://127.0.0.1:${port}/api/`).auth.test().then(() => undefined, (e: unknown) => e);
      expect(classifySlackError(error)).toEqual({ code: 'network_error', retryable: true, maybeDelivered: false });
    } finally {
      await transport.close();
    }
  });

  it('after close, calls still go out (on the main thread), so shutdown loses nothing', async () => {
    const transport = createWorkerFetch();
    await transport.close();
    const res = await client(transport).chat.postMessage({ channel: 'C1', text: 'na afsluiten' });
    expect(res.ts).toBe('1.000100');
  });
});
