import type { WebClient } from '@slack/web-api';
import type { Atomically, ConsultantRepository, InterviewRepository, RiskRepository } from '../domain/repositories.js';
import type { TimelineRepository } from '../domain/timelineItems.js';
import type { Logger } from '../logger.js';
import type { SettingsChange, WorkspaceSettings } from '../domain/workspaceSettings.js';
import type { Translator } from './i18n/index.js';
import type { CardPublisher } from './services/cards.js';
import type { HomePublisher } from './services/home.js';
import type { SurfaceRefresher } from './services/refresh.js';
import type { RiskAlertService } from './services/riskAlerts.js';
import type { CalendarService } from './services/calendar.js';
import type { PrivacyService } from './services/privacy.js';
import type { OutboxService } from './services/outbox.js';
import type { TimelineService } from './services/timeline.js';
import type { TimezoneResolver } from './services/timezones.js';
import type { ViewUpdater } from './services/views.js';

/** What every listener may use: one per workspace, built by src/workspace.ts; listeners never construct services themselves. */
export interface ListenerDeps {
  client: WebClient;
  interviews: InterviewRepository;
  consultants: ConsultantRepository;
  timeline: TimelineRepository;
  risks: RiskRepository;
  /** One transaction around a listener's writes (validate, write all, then ack). */
  atomically: Atomically;
  riskAlerts: RiskAlertService;
  privacy: PrivacyService;
  /** `In agenda`: .ics files, and their update after a reschedule. */
  calendar: CalendarService;
  /** PLAYBOOK_URL: coaching advice links to Addendum E there. */
  playbookUrl?: string;
  timelineService: TimelineService;
  timezones: TimezoneResolver;
  cards: CardPublisher;
  home: HomePublisher;
  views: ViewUpdater;
  /** Card + App Home after any change to an interview. */
  refresher: SurfaceRefresher;
  /** Every message other than reminders and risk alerts is a row here first; `kick` delivers now. */
  outbox: OutboxService;
  t: Translator;
  logger: Logger;
  admins: ReadonlySet<string>;
  /** Team leads (TEAM_LEAD_USER_IDS) and admins: who sees "Team vandaag" and `/interviewprep team`. */
  leads: ReadonlySet<string>;
  /** The only clock listeners see; tests pass a fixed one. */
  now: () => Date;
  /**
   * This workspace's settings: from the environment with one bot token; with the OAuth install its
   * admins change them in Slack (`save`, which makes every instance rebuild the workspace's slice).
   */
  settings: {
    current: WorkspaceSettings;
    save?: (change: SettingsChange, by: string, at: Date) => Promise<WorkspaceSettings>;
  };
}

/** A workspace stopped using the app (Slack's event names). */
export type WorkspaceStop = 'app_uninstalled' | 'tokens_revoked';

/** What listeners about the app itself (not about one workspace's interviews) may use. */
export interface AppDeps {
  logger: Logger;
  lifecycle: {
    /** The workspace uninstalled the app or revoked its bot token: its work stops. */
    stopped(team: string, reason: WorkspaceStop, at: Date): Promise<void>;
    now: () => Date;
  };
}

/**
 * Binds a listener factory to the workspace of each request: the factory runs once per workspace
 * (its slice's dependencies), the listener it returns handles that workspace's requests.
 */
export type PerWorkspace = <Args extends { context: import('@slack/bolt').Context }>(
  factory: (deps: ListenerDeps) => (args: Args) => Promise<void>,
) => (args: Args) => Promise<void>;
