import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Bot tokens at rest (issue 16): AES-256-GCM with the operator's TOKEN_ENCRYPTION_KEY. A database
 * dump or backup alone gives no token. Each value is bound to the row it belongs to (additional
 * authenticated data: the workspace), so a token copied onto another workspace's row does not
 * decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url): the version leaves room for a key
 * rotation scheme later.
 */
export class TokenCipher {
  private static readonly VERSION = 'v1';

  private constructor(private readonly key: Buffer) {}

  /** The key as config parsed it: exactly 32 bytes. */
  static fromKey(key: Buffer): TokenCipher {
    if (key.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes');
    return new TokenCipher(Buffer.from(key));
  }

  encrypt(plain: string, boundTo: string): string {
    // A fresh 96-bit nonce per value: GCM's security rests on never reusing one under a key.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [TokenCipher.VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The token, or TokenDecryptionError (another key, another row, or altered bytes). */
  decrypt(stored: string, boundTo: string): string {
    const [version, iv, tag, body, ...rest] = stored.split('.');
    if (version !== TokenCipher.VERSION || !iv || !tag || body === undefined || rest.length > 0) {
      throw new TokenDecryptionError('not a value this version wrote');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // GCM's tag check failed: never say more (no partial plaintext, no key material in logs).
      throw new TokenDecryptionError('authentication failed (another TOKEN_ENCRYPTION_KEY, or the value was altered)');
    }
  }
}

export class TokenDecryptionError extends Error {
  override readonly name = 'TokenDecryptionError';
}

/**
 * TOKEN_ENCRYPTION_KEY: 32 random bytes, as base64 (`openssl rand -base64 32`) or 64 hex digits.
 * undefined when it is neither.
 */
export function parseEncryptionKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const key = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}
