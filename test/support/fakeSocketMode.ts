/**
 * A fake of Slack's Socket Mode WebSocket endpoint for tests: a real `ws` server on 127.0.0.1
 * (ephemeral port). Point the fake Web API at it (`fake.socketModeUrl = sm.url`) so that
 * `apps.connections.open` hands its URL to the app's SocketModeClient.
 *
 * It plays Slack's side of the protocol:
 * - greets every new connection with a `hello` message (num_connections, debug_info, connection_info);
 * - sends envelopes `{envelope_id, type, payload, accepts_response_payload[, retry_attempt, retry_reason]}`
 *   and waits for the app's acknowledgement `{envelope_id, payload}` on the same socket, failing after
 *   Slack's 3 s limit;
 * - answers WebSocket pings with pongs (ws does so automatically) and counts them;
 * - can ask the client to reconnect with a `disconnect` message.
 * Every message the app sends is recorded for assertions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** Slack's limit for acknowledging an envelope. */
export const ACK_TIMEOUT_MS = 3000;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SendOptions {
  /** Reject when no ack arrived within this many ms (default ACK_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Defaults to a fresh UUID, as Slack's envelope ids are. */
  envelopeId?: string;
  /** Defaults to true, except for events_api envelopes (Slack sends false there). */
  acceptsResponsePayload?: boolean;
  /** events_api only: redelivery count and reason (default 0 and ''). */
  retryAttempt?: number;
  retryReason?: string;
}

export interface SocketModeAck {
  envelope_id: string;
  /** The `payload` of the ack message as sent (Bolt sends `{}` for a bare `ack()`); absent if the ack had none. */
  payload?: unknown;
  /** Wall-clock time from sending the envelope to receiving its ack. */
  ms: number;
}

export interface ReceivedMessage {
  /** Date.now() at arrival. */
  at: number;
  /** Which connection (1-based, in order of connecting) it arrived on. */
  connection: number;
  raw: string;
  /** The message parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface SentMessage {
  at: number;
  connection: number;
  message: Record<string, unknown>;
}

export interface FakeSocketModeOptions {
  /** app_id reported in `hello` and the connection URL (default 'A0001', like the fake Web API). */
  appId?: string;
}

export interface FakeSocketMode {
  /** ws://127.0.0.1:PORT/link/?ticket=…&app_id=… — put it in `fake.socketModeUrl`. */
  readonly url: string;
  /** Every message the app sent (acks and anything else), in order. */
  readonly received: readonly ReceivedMessage[];
  /** Every message sent to the app (hello, envelopes, disconnects), in order. */
  readonly sent: readonly SentMessage[];
  /** Connections accepted so far (a reconnect counts again). */
  readonly connections: number;
  /** Connections currently open. */
  readonly openConnections: number;
  /** WebSocket pings received from the app (each answered with a pong). */
  readonly pings: number;
  /** Acks whose envelope_id was never sent or was already acknowledged. */
  readonly unexpectedAcks: readonly ReceivedMessage[];
  /** Resolves once a client is connected and has been sent `hello` (at once if one already is). */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope on the latest connection; resolves with the app's ack of it. */
  send(type: EnvelopeType, payload: Record<string, unknown>, opts?: SendOptions): Promise<SocketModeAck>;
  /** Slack's `disconnect` message (e.g. 'refresh_requested', 'warning', 'link_disabled'). */
  disconnect(reason?: string): void;
  /** Rejects pending sends, closes every connection and the server. */
  close(): Promise<void>;
}

interface Pending {
  type: string;
  started: number;
  resolve: (ack: SocketModeAck) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

class FakeSocketModeServer implements FakeSocketMode {
  url = '';
  readonly received: ReceivedMessage[] = [];
  readonly sent: SentMessage[] = [];
  readonly unexpectedAcks: ReceivedMessage[] = [];
  connections = 0;
  pings = 0;

  private readonly appId: string;
  private readonly wss: WebSocketServer;
  /** Open, greeted sockets with their connection number, oldest first. */
  private readonly open: Array<{ socket: WebSocket; n: number }> = [];
  private readonly pending = new Map<string, Pending>();
  private readonly acked = new Set<string>();
  private waiters: Waiter[] = [];
  private closed = false;

  constructor(opts: FakeSocketModeOptions) {
    this.appId = opts.appId ?? 'A0001';
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  get openConnections(): number {
    return this.open.length;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.wss.once('error', reject);
      this.wss.once('listening', () => resolve());
    });
    const { port } = this.wss.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/link/?ticket=${randomBytes(16).toString('hex')}&app_id=${this.appId}`;
  }

  private accept(socket: WebSocket): void {
    this.connections += 1;
    const n = this.connections;
    const entry = { socket, n };
    this.open.push(entry);
    socket.on('ping', () => {
      this.pings += 1;
    });
    socket.on('message', (data, isBinary) => this.onMessage(n, data.toString(), isBinary));
    socket.on('close', () => {
      const i = this.open.indexOf(entry);
      if (i >= 0) this.open.splice(i, 1);
    });
    socket.on('error', () => {
      // A client that vanishes mid-frame; the close handler cleans up.
    });
    this.write(entry, {
      type: 'hello',
      num_connections: this.open.length,
      debug_info: {
        host: `applink-fake-${n}`,
        build_number: 118,
        approximate_connection_time: 18060,
      },
      connection_info: { app_id: this.appId },
    });
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }

  private onMessage(connection: number, raw: string, isBinary: boolean): void {
    let json: unknown;
    if (!isBinary) {
      try {
        json = JSON.parse(raw);
      } catch {
        json = undefined;
      }
    }
    const record: ReceivedMessage = { at: Date.now(), connection, raw, json };
    this.received.push(record);
    if (typeof json !== 'object' || json === null || !('envelope_id' in json)) return;
    const msg = json as { envelope_id: unknown; payload?: unknown };
    const id = String(msg.envelope_id);
    const p = this.pending.get(id);
    if (!p || this.acked.has(id)) {
      this.unexpectedAcks.push(record);
      return;
    }
    this.pending.delete(id);
    this.acked.add(id);
    clearTimeout(p.timer);
    const ack: SocketModeAck = { envelope_id: id, ms: performance.now() - p.started };
    if ('payload' in msg) ack.payload = msg.payload;
    p.resolve(ack);
  }

  private write(entry: { socket: WebSocket; n: number }, message: Record<string, unknown>): void {
    this.sent.push({ at: Date.now(), connection: entry.n, message });
    entry.socket.send(JSON.stringify(message));
  }

  connected(timeoutMs = 5000): Promise<void> {
    if (this.open.length > 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`fakeSocketMode: no client connected within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  send(type: EnvelopeType, payload: Record<string, unknown>, opts: SendOptions = {}): Promise<SocketModeAck> {
    const entry = this.open.at(-1);
    if (this.closed || !entry || entry.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error(`fakeSocketMode: no open connection to send a ${type} envelope on`));
    }
    const envelopeId = opts.envelopeId ?? randomUUID();
    if (this.pending.has(envelopeId) || this.acked.has(envelopeId)) {
      return Promise.reject(new Error(`fakeSocketMode: envelope_id ${envelopeId} was already used`));
    }
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: opts.acceptsResponsePayload ?? type !== 'events_api',
    };
    if (type === 'events_api') {
      envelope.retry_attempt = opts.retryAttempt ?? 0;
      envelope.retry_reason = opts.retryReason ?? '';
    }
    const timeoutMs = opts.timeoutMs ?? ACK_TIMEOUT_MS;
    return new Promise<SocketModeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`fakeSocketMode: ${type} envelope ${envelopeId} was not acknowledged within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { type, started: performance.now(), resolve, reject, timer });
      this.write(entry, envelope);
    });
  }

  disconnect(reason = 'refresh_requested'): void {
    for (const entry of this.open) {
      this.write(entry, { type: 'disconnect', reason, debug_info: { host: `applink-fake-${entry.n}` } });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`fakeSocketMode: closed before ${p.type} envelope ${id} was acknowledged`));
    }
    this.pending.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('fakeSocketMode: closed before a client connected'));
    }
    this.waiters = [];
    // Give clients that are already closing (the app stopped first) a moment to finish the
    // handshake, then cut whatever is left.
    const closing = [...this.open].map(
      ({ socket }) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 500);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (socket.readyState === WebSocket.OPEN) socket.close(1001, 'fake Socket Mode server closing');
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** Starts a fake Socket Mode server on 127.0.0.1 with an ephemeral port. Remember to `await sm.close()`. */
export async function startFakeSocketMode(opts: FakeSocketModeOptions = {}): Promise<FakeSocketMode> {
  const server = new FakeSocketModeServer(opts);
  await server.listen();
  return server;
}
