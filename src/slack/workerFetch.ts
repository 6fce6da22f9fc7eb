import { Worker } from 'node:worker_threads';

/**
 * The HTTP transport of every Web API client, on its own thread.
 *
 * Why: measured in `npm run bench` (issue 13), a Web API call's HTTP machinery (undici's fetch,
 * its streams, writing the request body) was about a third of the event loop's work for a
 * `/interviewprep` (views.open) and a save (card, Home). That work competed with the next
 * request's ack. Here the main thread only hands the already-serialized request to a worker
 * thread (one structured clone of a string) and gets status, headers and body text back; the
 * WebClient keeps everything else (retries, rate limits, timeouts, parsing, errors) unchanged.
 *
 * The worker's code is a string (run with `eval`) so the same file works from TypeScript source
 * (tests, tsx), from dist/, and inside vitest, none of which share a loader a worker could use.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const inFlight = new Map();
parentPort.on('message', async (msg) => {
  if (msg.abort !== undefined) { inFlight.get(msg.abort)?.abort(); return; }
  const controller = new AbortController();
  inFlight.set(msg.id, controller);
  try {
    const res = await fetch(msg.url, { method: msg.method, headers: msg.headers, body: msg.body, redirect: msg.redirect, signal: controller.signal });
    const body = await res.text();
    parentPort.postMessage({ id: msg.id, status: res.status, statusText: res.statusText, url: res.url, headers: [...res.headers.entries()], body });
  } catch (e) {
    const cause = e && e.cause ? { code: e.cause.code, message: String(e.cause.message || '') } : undefined;
    parentPort.postMessage({ id: msg.id, error: { name: e && e.name || 'Error', message: String(e && e.message || e), cause } });
  } finally {
    inFlight.delete(msg.id);
  }
});
`;

interface WorkerReply {
  id: number;
  status?: number;
  statusText?: string;
  url?: string;
  headers?: [string, string][];
  body?: string;
  error?: { name: string; message: string; cause?: { code?: string; message: string } };
}

export interface WorkerFetch {
  /** A `fetch` for `WebClientOptions.fetch`. */
  fetch: typeof fetch;
  /**
   * Ends the worker once the requests in flight have their answer (each has its own timeout);
   * later calls use the main thread's fetch, so a job finishing during shutdown still gets through.
   */
  close(): Promise<void>;
}

/** The parts of a Response the WebClient reads; the body is already text. */
function responseOf(reply: WorkerReply): Response {
  const body = reply.body ?? '';
  const response = {
    status: reply.status ?? 0,
    statusText: reply.statusText ?? '',
    ok: (reply.status ?? 0) >= 200 && (reply.status ?? 0) < 300,
    url: reply.url ?? '',
    headers: new Headers(reply.headers ?? []),
    text: async () => body,
    json: async () => JSON.parse(body) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(body).buffer,
  };
  return response as unknown as Response;
}

function errorOf(reply: NonNullable<WorkerReply['error']>): Error {
  // The shape undici gives (name, cause.code) so slackErrors.ts classifies it the same way.
  const error = new Error(reply.message, reply.cause ? { cause: reply.cause } : undefined);
  error.name = reply.name;
  return error;
}

/** The WebClient passes a plain object already; anything else is normalized. */
function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  if (headers && !(headers instanceof Headers) && !Array.isArray(headers)) return headers as Record<string, string>;
  return Object.fromEntries(new Headers(headers).entries());
}

export function createWorkerFetch(): WorkerFetch {
  // The thread only moves request and response text: a small heap keeps its memory small too (the
  // bot's RSS budget in bench/RESULTS.md), with room for a burst of concurrent calls.
  const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
  const pending = new Map<number, { resolve: (r: Response) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let closed = false;
  // The worker keeps the process alive only while a request waits for it.
  worker.unref();
  let drained: (() => void) | undefined;
  const settle = (id: number) => {
    const entry = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) {
      worker.unref();
      drained?.();
    }
    return entry;
  };
  worker.on('message', (reply: WorkerReply) => {
    const entry = settle(reply.id);
    if (!entry) return;
    if (reply.error) entry.reject(errorOf(reply.error));
    else entry.resolve(responseOf(reply));
  });
  worker.on('error', (error) => {
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  });

  const workerFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    // Multipart uploads (FormData, streams) cannot cross to the worker; they are rare (exports).
    if (closed || (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))) return fetch(input, init);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = ++nextId;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        if (!settle(id)) return;
        worker.postMessage({ abort: id });
        reject(signal?.reason);
      };
      pending.set(id, {
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage({
        id,
        url: String(input instanceof Request ? input.url : input),
        method: init.method ?? 'GET',
        headers: plainHeaders(init.headers),
        body,
        redirect: init.redirect,
      });
    });
  };

  return {
    fetch: workerFetch as typeof fetch,
    async close() {
      closed = true;
      if (pending.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      await worker.terminate();
    },
  };
}
