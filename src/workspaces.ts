import type { Context } from '@slack/bolt';
import type { SettingsChange, WorkspaceSettings } from './domain/workspaceSettings.js';
import type { Logger } from './logger.js';
import type { WorkspaceStop } from './slack/context.js';
import { workspaceKeyOf, type SqlInstallationStore } from './storage/installationStore.js';
import type { Sql } from './storage/sql.js';
import { eraseWorkspaceRows } from './storage/workspace.js';
import type { Workspace } from './workspace.js';

/** Where the workspaces come from: one bot token, or the installations in the database. */
export type WorkspaceSource =
  | { kind: 'single'; workspace: Workspace }
  | { kind: 'installed'; store: SqlInstallationStore; build: (team: string, token: string, settings: WorkspaceSettings) => Workspace };

/**
 * The workspaces this deployment works for, each a runtime slice (workspace.ts). A single-token
 * deployment has one, built at start. With the OAuth install the installations decide: a request
 * is served by its workspace's slice (built on first use from the token Bolt authorized it with),
 * and each tick first `sync`s with the database — slices for new installs, rebuilt for a new token,
 * dropped for a workspace that stopped, also when another instance received the uninstall.
 */
export class Workspaces {
  private readonly slices = new Map<string, Workspace>();
  private readonly unreadable = new Set<string>();

  constructor(
    private readonly source: WorkspaceSource,
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly retentionDays: number,
  ) {
    if (source.kind === 'single') this.slices.set(source.workspace.team, source.workspace);
  }

  get installed(): boolean {
    return this.source.kind === 'installed';
  }

  /** The slices built so far (a single-token deployment: its one). */
  all(): Workspace[] {
    return [...this.slices.values()];
  }

  /** The slice of the workspace a request comes from (Bolt has authorized it). */
  async forRequest(context: Context): Promise<Workspace> {
    const source = this.source;
    if (source.kind === 'single') return source.workspace;
    const team = workspaceKeyOf(context);
    const token = context.botToken;
    if (!team || !token) throw new Error('a request without an authorized workspace reached a listener');
    const current = this.slices.get(team);
    if (current && current.token === token) return current;
    return this.replace(team, source.build(team, token, await source.store.settings(team)));
  }

  /** The workspaces to work for now, in a stable order. */
  async sync(): Promise<Workspace[]> {
    const source = this.source;
    if (source.kind === 'single') return [source.workspace];
    const active = await source.store.active();
    const current = new Set<string>();
    for (const installation of active) {
      if (installation.botToken === undefined) {
        // Logged once per workspace, not every minute: the operator changed TOKEN_ENCRYPTION_KEY.
        if (!this.unreadable.has(installation.team)) this.logger.error({ team: installation.team }, 'the stored bot token does not decrypt with TOKEN_ENCRYPTION_KEY: this workspace is skipped');
        this.unreadable.add(installation.team);
        continue;
      }
      this.unreadable.delete(installation.team);
      current.add(installation.team);
      const slice = this.slices.get(installation.team);
      if (!slice || slice.token !== installation.botToken || slice.settings.version !== installation.settings.version) {
        this.replace(installation.team, source.build(installation.team, installation.botToken, installation.settings));
      }
    }
    for (const team of [...this.slices.keys()]) if (!current.has(team)) this.drop(team);
    return [...current].map((team) => this.slices.get(team) as Workspace);
  }

  /**
   * A workspace uninstalled the app or revoked its bot token: nothing more is sent for it, here and
   * (at their next tick) on every other instance; its rows are erased `retentionDays` later.
   */
  async stopped(team: string, reason: WorkspaceStop, at: Date): Promise<void> {
    const source = this.source;
    if (source.kind === 'single') {
      // One workspace, one token in the environment: nothing to switch off here but the operator
      // must know the token is dead (and the data stays until they decide).
      this.logger.error({ team, reason }, 'Slack says the app was removed from the workspace: SLACK_BOT_TOKEN no longer works');
      return;
    }
    const changed = await source.store.stop(team, reason, at);
    this.drop(team);
    if (changed) this.logger.warn({ team, reason, eraseAfterDays: this.retentionDays }, 'workspace stopped: its data is erased after the retention period unless it installs the app again');
  }

  /**
   * An admin changed the workspace's settings: saved, and the slice dropped so the next request
   * rebuilds it here; other instances rebuild theirs at their next tick (the version changed).
   */
  async saveSettings(team: string, change: SettingsChange, by: string, at: Date): Promise<WorkspaceSettings> {
    const source = this.source;
    if (source.kind === 'single') throw new Error('with one bot token the settings come from the environment');
    const saved = await source.store.saveSettings(team, change, by, at);
    this.drop(team);
    this.logger.info({ team, version: saved.version }, 'workspace settings changed');
    return saved;
  }

  /** Stopped workspaces past the retention period: every row erased, the installation forgotten. */
  async eraseStopped(now: Date, shouldStop: () => boolean): Promise<number> {
    const source = this.source;
    if (source.kind === 'single') return 0;
    const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000);
    let erased = 0;
    for (const team of await source.store.stoppedBefore(cutoff)) {
      if (shouldStop()) break;
      const rows = await this.sql.atomically(async () => ((await source.store.forget(team, cutoff)) ? eraseWorkspaceRows(this.sql, team) : undefined));
      if (rows === undefined) continue;
      erased += 1;
      this.logger.info({ team, rows }, 'erased the data of a workspace that uninstalled the app');
    }
    return erased;
  }

  stop(): void {
    for (const team of [...this.slices.keys()]) this.drop(team);
  }

  private replace(team: string, slice: Workspace): Workspace {
    this.slices.get(team)?.stop();
    this.slices.set(team, slice);
    return slice;
  }

  private drop(team: string): void {
    this.slices.get(team)?.stop();
    this.slices.delete(team);
  }
}
