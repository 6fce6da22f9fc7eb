import type { Installation } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstallationNotFoundError, SqlInstallationStore } from '../../src/storage/installationStore.js';
import { TokenCipher, TokenDecryptionError, parseEncryptionKey } from '../../src/storage/tokenCipher.js';
import { SqlInterviewRepository } from '../../src/storage/interviewRepository.js';
import { eraseWorkspaceRows } from '../../src/storage/workspace.js';
import { logistics } from '../support/builders.js';
import { openTestSql, testEngine, type TestSql } from '../support/database.js';

/**
 * Issue 16: the installation store (Bolt's InstallationStore on our database) — one contract, run on
 * the engine of this test run — and the token cipher under it.
 */
const now = new Date('2026-12-01T09:00:00Z');
const key = randomBytes(32);

function installation(team: string, token: string, overrides: Partial<Installation> = {}): Installation<'v2', false> {
  return {
    team: { id: team, name: `Agency ${team}` },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: 'xoxp-user-token-never-kept', scopes: ['identify'] },
    bot: { token, scopes: ['commands', 'chat:write'], id: 'BBOT1', userId: 'UBOT1' },
    appId: 'A0001',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
    ...overrides,
  } as Installation<'v2', false>;
}
const query = (team: string) => ({ teamId: team, enterpriseId: undefined, isEnterpriseInstall: false as const });

let database: TestSql;
let clock: Date;
let store: SqlInstallationStore;
beforeEach(async () => {
  database = await openTestSql();
  clock = now;
  store = new SqlInstallationStore(database.sql, TokenCipher.fromKey(key), () => clock);
});
afterEach(async () => {
  await database.close();
});

describe(`the installation store on ${testEngine()}`, () => {
  it('gives Bolt back the bot of an installation, with its token encrypted at rest and no user token kept', async () => {
    await store.storeInstallation(installation('TA', 'xoxb-a-secret'));
    const got = await store.fetchInstallation(query('TA'));
    expect(got.bot).toEqual({ token: 'xoxb-a-secret', scopes: ['commands', 'chat:write'], id: 'BBOT1', userId: 'UBOT1' });
    expect(got.team?.id).toBe('TA');
    expect(got.user.token).toBeUndefined();
    const raw = JSON.stringify(await database.sql.all('SELECT * FROM installations'));
    expect(raw).not.toContain('xoxb-a-secret');
    expect(raw).not.toContain('xoxp-user-token-never-kept');
    expect(await store.active()).toEqual([
      { team: 'TA', botToken: 'xoxb-a-secret', botUserId: 'UBOT1', botId: 'BBOT1', installedAt: now.getTime(), settings: { admins: new Set(['UINSTALLER']), teamLeads: new Set(), version: 0 } },
    ]);
  });

  it('keys an org-wide install by its organisation', async () => {
    await store.storeInstallation(installation('IGNORED', 'xoxb-org', { team: undefined, enterprise: { id: 'EORG1', name: 'Org' }, isEnterpriseInstall: true } as Partial<Installation>));
    const got = await store.fetchInstallation({ teamId: undefined, enterpriseId: 'EORG1', isEnterpriseInstall: true });
    expect(got.bot?.token).toBe('xoxb-org');
    expect(got.isEnterpriseInstall).toBe(true);
    await expect(store.fetchInstallation(query('EORG1'))).resolves.toBeDefined();
  });

  it('refuses a workspace that never installed, and one that stopped; a new install resumes it with the new token', async () => {
    await expect(store.fetchInstallation(query('TNONE'))).rejects.toBeInstanceOf(InstallationNotFoundError);
    await store.storeInstallation(installation('TA', 'xoxb-a-1'));
    expect(await store.stop('TA', 'app_uninstalled', now)).toBe(true);
    expect(await store.stop('TA', 'tokens_revoked', now)).toBe(false);
    await expect(store.fetchInstallation(query('TA'))).rejects.toBeInstanceOf(InstallationNotFoundError);
    expect(await store.active()).toEqual([]);
    expect(await database.sql.get('SELECT bot_token, stop_reason FROM installations')).toEqual({ bot_token: null, stop_reason: 'app_uninstalled' });
    clock = new Date(now.getTime() + 60_000);
    await store.storeInstallation(installation('TA', 'xoxb-a-2'));
    expect((await store.fetchInstallation(query('TA'))).bot?.token).toBe('xoxb-a-2');
    expect((await store.active()).map((a) => [a.team, a.installedAt])).toEqual([['TA', clock.getTime()]]);
  });

  it('lists stopped workspaces once their retention cutoff has passed and forgets only those', async () => {
    await store.storeInstallation(installation('TA', 'xoxb-a'));
    await store.storeInstallation(installation('TB', 'xoxb-b'));
    await store.stop('TA', 'app_uninstalled', now);
    expect(await store.stoppedBefore(new Date(now.getTime() - 1))).toEqual([]);
    expect(await store.stoppedBefore(now)).toEqual(['TA']);
    expect(await store.forget('TA', new Date(now.getTime() - 1))).toBe(false);
    expect(await store.forget('TB', now)).toBe(false);
    expect(await store.forget('TA', now)).toBe(true);
    expect((await store.active()).map((a) => a.team)).toEqual(['TB']);
  });

  it('keeps each workspace’s settings: the installer is the admin until some are saved; a save changes the version', async () => {
    await store.storeInstallation(installation('TA', 'xoxb-a'));
    await store.storeInstallation(installation('TB', 'xoxb-b'));
    expect(await store.settings('TA')).toEqual({ admins: new Set(['UINSTALLER']), teamLeads: new Set(), version: 0 });
    const saved = await store.saveSettings('TA', { riskAlertChannel: 'C0RISK', teamLeads: ['UL1', 'UL2'] }, 'UINSTALLER', now);
    expect(saved).toEqual({ riskAlertChannel: 'C0RISK', admins: new Set(['UINSTALLER']), teamLeads: new Set(['UL1', 'UL2']), version: now.getTime() });
    // Saved twice in the same millisecond: the version still moves (other instances rebuild on it).
    const again = await store.saveSettings('TA', { riskAlertChannel: null }, 'UINSTALLER', now);
    expect(again.riskAlertChannel).toBeUndefined();
    expect(again.version).toBeGreaterThan(saved.version);
    expect((await store.active()).map((a) => [a.team, a.settings.version, [...a.settings.teamLeads]])).toEqual([
      ['TA', again.version, ['UL1', 'UL2']],
      ['TB', 0, []],
    ]);
    // Forgetting a stopped workspace forgets its settings too.
    await store.stop('TA', 'app_uninstalled', now);
    await store.forget('TA', now);
    expect(await database.sql.all('SELECT team_id FROM workspace_settings')).toEqual([]);
  });

  it('a token does not open under another key, nor copied onto another workspace’s row', async () => {
    await store.storeInstallation(installation('TA', 'xoxb-a'));
    await store.storeInstallation(installation('TB', 'xoxb-b'));
    const other = new SqlInstallationStore(database.sql, TokenCipher.fromKey(randomBytes(32)), () => clock);
    expect((await other.active()).map((a) => a.botToken)).toEqual([undefined, undefined]);
    await expect(other.fetchInstallation(query('TA'))).rejects.toBeInstanceOf(TokenDecryptionError);
    // B's ciphertext on A's row: the row binding refuses it.
    await database.sql.run("UPDATE installations SET bot_token = (SELECT bot_token FROM installations WHERE team_id = 'TB') WHERE team_id = 'TA'");
    await expect(store.fetchInstallation(query('TA'))).rejects.toBeInstanceOf(TokenDecryptionError);
    expect((await store.active()).map((a) => a.botToken)).toEqual([undefined, 'xoxb-b']);
  });

  it('erasing a workspace removes every row of it and nothing of another', async () => {
    const a = new SqlInterviewRepository(database.sql, 'TA');
    const b = new SqlInterviewRepository(database.sql, 'TB');
    const ia = await a.create('U1', logistics(), now);
    const ib = await b.create('U1', logistics(), now);
    expect(await eraseWorkspaceRows(database.sql, 'TA')).toBeGreaterThan(0);
    expect(await a.get(ia.id)).toBeUndefined();
    expect((await b.get(ib.id))?.id).toBe(ib.id);
    expect(await database.sql.get('SELECT COUNT(*) AS n FROM interview_owners WHERE interview_id = ?', [ia.id])).toMatchObject({ n: 0 });
    await expect(eraseWorkspaceRows(database.sql, '')).rejects.toThrow();
  });
});

describe('TokenCipher (AES-256-GCM)', () => {
  const cipher = TokenCipher.fromKey(key);

  it('round-trips, with a fresh nonce each time', () => {
    const one = cipher.encrypt('xoxb-123', 'TA');
    const two = cipher.encrypt('xoxb-123', 'TA');
    expect(one).not.toBe(two);
    expect(cipher.decrypt(one, 'TA')).toBe('xoxb-123');
    expect(cipher.decrypt(two, 'TA')).toBe('xoxb-123');
  });

  it.each([
    ['another row', (v: string) => v, 'TB'],
    ['a changed ciphertext', (v: string) => v.split('.').map((p, i) => (i === 3 ? (p[0] === 'A' ? 'B' : 'A') + p.slice(1) : p)).join('.'), 'TA'],
    ['a truncated tag', (v: string) => v.split('.').map((p, i) => (i === 2 ? p.slice(4) : p)).join('.'), 'TA'],
    ['an unknown version', (v: string) => `v9${v.slice(2)}`, 'TA'],
    ['not a value at all', () => 'xoxb-plain', 'TA'],
  ])('refuses %s', (_what, alter, team) => {
    expect(() => cipher.decrypt(alter(cipher.encrypt('xoxb-123', 'TA')), team)).toThrow(TokenDecryptionError);
  });

  it.each([
    ['base64', key.toString('base64'), true],
    ['base64url', key.toString('base64url'), true],
    ['hex', key.toString('hex'), true],
    ['16 bytes', randomBytes(16).toString('base64'), false],
    ['a passphrase', 'correct horse battery staple', false],
  ])('reads a %s key: %s', (_what, value, ok) => {
    expect(parseEncryptionKey(value)?.equals(key) ?? false).toBe(ok);
  });
});
