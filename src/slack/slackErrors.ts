import { ErrorCode } from '@slack/web-api';

/** How a failed Web API call should be treated: retried later, or recorded as permanent. */
export interface SlackFailure {
  /** Slack's error code (e.g. channel_not_found), or the transport problem. */
  code: string;
  retryable: boolean;
  /** Seconds Slack asked us to wait (429). */
  retryAfterSeconds?: number;
  /**
   * The request may have reached Slack and done its work although no answer came (a timeout, a
   * connection dropped mid-call): a send must be looked up before it is tried again.
   */
  maybeDelivered?: boolean;
}

/** Errors where trying again later can help; everything else from the platform is permanent. */
const RETRYABLE_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Transport errors raised before a request could reach Slack at all. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  switch (e?.code) {
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return { code, retryable: RETRYABLE_PLATFORM_ERRORS.has(code) };
    }
    case ErrorCode.RateLimitedError:
      return { code: 'ratelimited', retryable: true, retryAfterSeconds: e.retryAfter };
    case ErrorCode.HTTPError:
      return { code: `http_${e.statusCode ?? 'error'}`, retryable: (e.statusCode ?? 500) >= 500 };
    case ErrorCode.RequestError: {
      const original = (e as { original?: { name?: string; cause?: { code?: string } } }).original;
      if (original?.name === 'TimeoutError' || original?.name === 'AbortError') {
        return { code: 'timeout', retryable: true, maybeDelivered: true };
      }
      return { code: 'network_error', retryable: true, maybeDelivered: !NEVER_CONNECTED.has(original?.cause?.code ?? '') };
    }
    default:
      return { code: e?.code ?? (error instanceof Error ? error.name : 'unknown'), retryable: false };
  }
}
