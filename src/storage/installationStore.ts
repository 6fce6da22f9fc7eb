import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SettingsChange, WorkspaceSettings } from '../domain/workspaceSettings.js';
import type { Sql } from './sql.js';
import { TokenDecryptionError, type TokenCipher } from './tokenCipher.js';

/** Why a workspace stopped: Slack's own event names. */
export type StopReason = 'app_uninstalled' | 'tokens_revoked';

/** A workspace the app may work for now: what its runtime slice is built from. */
export interface ActiveInstallation {
  team: string;
  /** Undefined when it does not decrypt (TOKEN_ENCRYPTION_KEY changed): the workspace cannot be served. */
  botToken: string | undefined;
  botUserId: string;
  botId: string;
  /** Changes when the workspace installs the app again (new scopes, a new token). */
  installedAt: number;
  settings: WorkspaceSettings;
}

interface SettingsRow {
  installer_user_id: string | null;
  risk_alert_channel: string | null;
  admin_user_ids: string | null;
  team_lead_user_ids: string | null;
  updated_at: number | null;
}

const SETTINGS_COLUMNS = 's.risk_alert_channel, s.admin_user_ids, s.team_lead_user_ids, s.updated_at';
const ids = (list: string | null) => new Set((list ?? '').split(',').filter(Boolean));

/** Saved settings, or the defaults: no channel, the person who installed the app is the admin. */
function settingsOf(row: SettingsRow): WorkspaceSettings {
  if (row.updated_at === null) {
    return { admins: new Set(row.installer_user_id ? [row.installer_user_id] : []), teamLeads: new Set(), version: 0 };
  }
  return {
    ...(row.risk_alert_channel ? { riskAlertChannel: row.risk_alert_channel } : {}),
    admins: ids(row.admin_user_ids),
    teamLeads: ids(row.team_lead_user_ids),
    version: row.updated_at,
  };
}

interface Row {
  team_id: string;
  enterprise_id: string | null;
  is_enterprise_install: number;
  app_id: string | null;
  bot_id: string;
  bot_user_id: string;
  bot_scopes: string;
  bot_token: string | null;
  installer_user_id: string | null;
  installed_at: number;
  stopped_at: number | null;
}

/**
 * Whose data a request or an installation is: the workspace, or the Enterprise Grid organisation
 * for an org-wide install (one install serves all its workspaces, so its rows are the org's).
 */
export function workspaceKeyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string | null; teamId?: string | null }): string | undefined {
  return (q.isEnterpriseInstall ? q.enterpriseId : q.teamId) ?? undefined;
}

export class InstallationNotFoundError extends Error {
  override readonly name = 'InstallationNotFoundError';
}

/**
 * Bolt's InstallationStore on our database (both engines), plus what the runtime needs: the active
 * workspaces, stopping one, and the stopped ones due for erasure. Only the bot's part of an
 * installation is kept (the app asks for no user scopes; a user token would be dropped), its token
 * encrypted and bound to its row.
 */
export class SqlInstallationStore implements InstallationStore {
  constructor(
    private readonly sql: Sql,
    private readonly cipher: TokenCipher,
    private readonly now: () => Date,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const team = workspaceKeyOf({
      isEnterpriseInstall: installation.isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    const bot = installation.bot;
    if (!team || !bot) throw new Error('an installation without a workspace or a bot user cannot be stored');
    // Installing again (new scopes, after an uninstall) replaces the token and resumes the workspace.
    await this.sql.run(
      `INSERT INTO installations (team_id, enterprise_id, is_enterprise_install, app_id, bot_id, bot_user_id, bot_scopes, bot_token, installer_user_id, installed_at, stopped_at, stop_reason)
       VALUES (@team, @enterprise, @org, @app, @botId, @botUser, @scopes, @token, @installer, @at, NULL, NULL)
       ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, is_enterprise_install = excluded.is_enterprise_install,
         app_id = excluded.app_id, bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, bot_scopes = excluded.bot_scopes,
         bot_token = excluded.bot_token, installer_user_id = excluded.installer_user_id, installed_at = excluded.installed_at,
         stopped_at = NULL, stop_reason = NULL`,
      {
        team,
        enterprise: installation.enterprise?.id ?? null,
        org: installation.isEnterpriseInstall ? 1 : 0,
        app: installation.appId ?? null,
        botId: bot.id,
        botUser: bot.userId,
        scopes: bot.scopes.join(','),
        token: this.cipher.encrypt(bot.token, team),
        installer: installation.user?.id ?? null,
        at: this.now().getTime(),
      },
    );
  }

  /** Bolt's authorize, on every request: an active installation or InstallationNotFoundError. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v2', boolean>> {
    const team = workspaceKeyOf(query);
    const row = team ? await this.sql.get<Row>('SELECT * FROM installations WHERE team_id = ? AND stopped_at IS NULL', [team]) : undefined;
    if (!row || row.bot_token === null) throw new InstallationNotFoundError('this workspace has not installed the app (or uninstalled it)');
    const org = row.is_enterprise_install === 1;
    return {
      team: org ? undefined : { id: row.team_id },
      enterprise: row.enterprise_id ? { id: row.enterprise_id } : undefined,
      user: { id: row.installer_user_id ?? '', token: undefined, scopes: undefined },
      bot: { token: this.cipher.decrypt(row.bot_token, row.team_id), scopes: row.bot_scopes.split(','), id: row.bot_id, userId: row.bot_user_id },
      appId: row.app_id ?? undefined,
      tokenType: 'bot',
      isEnterpriseInstall: org,
      authVersion: 'v2',
    } as Installation<'v2', boolean>;
  }

  /** Bolt's optional delete: the workspace stops (its data is erased after the retention period). */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const team = workspaceKeyOf(query);
    if (team) await this.stop(team, 'app_uninstalled', this.now());
  }

  /** Every workspace the app works for now, with its token. */
  async active(): Promise<ActiveInstallation[]> {
    const rows = await this.sql.all<Row & SettingsRow>(
      `SELECT i.*, ${SETTINGS_COLUMNS} FROM installations i LEFT JOIN workspace_settings s ON s.team_id = i.team_id
       WHERE i.stopped_at IS NULL ORDER BY i.team_id`,
    );
    return rows.map((r) => ({
      team: r.team_id,
      botToken: this.readToken(r),
      botUserId: r.bot_user_id,
      botId: r.bot_id,
      installedAt: r.installed_at,
      settings: settingsOf(r),
    }));
  }

  /** One workspace's settings (the defaults until an admin saved some). */
  async settings(team: string): Promise<WorkspaceSettings> {
    const row = await this.sql.get<SettingsRow>(
      `SELECT i.installer_user_id, ${SETTINGS_COLUMNS} FROM installations i LEFT JOIN workspace_settings s ON s.team_id = i.team_id WHERE i.team_id = ?`,
      [team],
    );
    return settingsOf(row ?? { installer_user_id: null, risk_alert_channel: null, admin_user_ids: null, team_lead_user_ids: null, updated_at: null });
  }

  /** Saves a change on top of the current settings; the new settings. */
  async saveSettings(team: string, change: SettingsChange, by: string, at: Date): Promise<WorkspaceSettings> {
    return this.sql.atomically(async () => {
      const current = await this.settings(team);
      const channel = change.riskAlertChannel === undefined ? (current.riskAlertChannel ?? null) : change.riskAlertChannel;
      const admins = [...(change.admins ?? current.admins)];
      const leads = [...(change.teamLeads ?? current.teamLeads)];
      // Strictly increasing: the version tells every instance to rebuild the workspace's slice.
      const version = Math.max(at.getTime(), current.version + 1);
      await this.sql.run(
        `INSERT INTO workspace_settings (team_id, risk_alert_channel, admin_user_ids, team_lead_user_ids, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET risk_alert_channel = excluded.risk_alert_channel, admin_user_ids = excluded.admin_user_ids,
           team_lead_user_ids = excluded.team_lead_user_ids, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [team, channel, admins.join(','), leads.join(','), version, by],
      );
      return settingsOf({ installer_user_id: null, risk_alert_channel: channel, admin_user_ids: admins.join(','), team_lead_user_ids: leads.join(','), updated_at: version });
    });
  }

  /**
   * Uninstalled, or its bot token revoked: the token is dropped now (it no longer works anyway and
   * should not outlive its use), the workspace's work stops. True when this call stopped it.
   */
  async stop(team: string, reason: StopReason, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE installations SET bot_token = NULL, stopped_at = ?, stop_reason = ? WHERE team_id = ? AND stopped_at IS NULL',
      [at.getTime(), reason, team],
    );
    return changed > 0;
  }

  private readToken(r: Row): string | undefined {
    try {
      return this.cipher.decrypt(r.bot_token as string, r.team_id);
    } catch (error) {
      if (error instanceof TokenDecryptionError) return undefined;
      throw error;
    }
  }

  /** Workspaces stopped at or before `cutoff`: their data is due for erasure. */
  async stoppedBefore(cutoff: Date): Promise<string[]> {
    const rows = await this.sql.all<{ team_id: string }>('SELECT team_id FROM installations WHERE stopped_at IS NOT NULL AND stopped_at <= ? ORDER BY stopped_at', [cutoff.getTime()]);
    return rows.map((r) => r.team_id);
  }

  /**
   * Forgets a workspace stopped at or before `cutoff`; false when it is no longer (it installed the
   * app again meanwhile). Called in the unit of work that erases its rows, first, so a reinstall
   * that wins the race keeps its data.
   */
  async forget(team: string, cutoff: Date): Promise<boolean> {
    const forgotten = (await this.sql.run('DELETE FROM installations WHERE team_id = ? AND stopped_at IS NOT NULL AND stopped_at <= ?', [team, cutoff.getTime()])) > 0;
    if (forgotten) await this.sql.run('DELETE FROM workspace_settings WHERE team_id = ?', [team]);
    return forgotten;
  }
}
