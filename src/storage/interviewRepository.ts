import type {
  CandidateDebrief,
  ClientExpectations,
  ClientFeedback,
  CoachingCheck,
  Interview,
  InterviewContext,
  LastMinuteChange,
  Logistics,
  LoopClosure,
  Stakeholder,
  TimelineItemSummary,
} from '../domain/interview.js';
import {
  RevisionConflictError,
  type ContextFields,
  type InterviewRepository,
  type StakeholderFields,
} from '../domain/repositories.js';
import type { CoachingNeed, CultureNotes } from '../domain/interview.js';
import { QUIET_AFTER_LOGGING_MIN, TASK_RULES, type Task } from '../domain/rules.js';
import type { StatsRow } from '../domain/stats.js';
import type { CoachingFields, DebriefFields, ExpectationsFields, FeedbackFields, LoopFields } from '../domain/validation.js';
import type { Row, Sql } from './sql.js';

/**
 * Moving the start makes a new plan (SPEC "Plans"): numbered, timestamped, and the context check
 * runs again for the new date. Same start: the plan stays.
 */
const NEW_PLAN_IF_MOVED = `plan = CASE WHEN start_at = @startAt THEN plan ELSE plan + 1 END,
         plan_started_at = CASE WHEN start_at = @startAt THEN plan_started_at ELSE @now END,
         context_checked_at = CASE WHEN start_at = @startAt THEN context_checked_at ELSE NULL END`;

/**
 * The smaller of two nullable times that exist (NULL when neither does). Two-argument scalar
 * min() is SQLite's only: min(coalesce(a, b), coalesce(b, a)) written as a CASE both engines run.
 */
const earlier = (a: string, b: string) =>
  `CASE WHEN coalesce(${a}, ${b}) <= coalesce(${b}, ${a}) THEN coalesce(${a}, ${b}) ELSE coalesce(${b}, ${a}) END`;

const RELATED_NAMES = ['stakeholders', 'context', 'coaching', 'expectations', 'done', 'changes', 'debrief', 'feedback', 'loop', 'timeline', 'owners'] as const;
type RelatedName = (typeof RELATED_NAMES)[number];

/**
 * The statements, the same text on SQLite and PostgreSQL (storage/sql.ts). A parameter only tested
 * with `IS NULL` is CAST so PostgreSQL knows its type.
 */
const Q = {
  insert: `INSERT INTO interviews
        (team_id, owner_id, candidate_name, candidate_phone, candidate_email, client_company, client_contact_name,
         client_contact_phone, client_contact_email, role_title,
         start_at, duration_min, location, format, agenda, origin_view_id, created_at, updated_at, plan_started_at)
        VALUES (@team, @ownerId, @candidateName, @candidatePhone, @candidateEmail, @clientCompany, @clientContactName,
         @clientContactPhone, @clientContactEmail, @roleTitle,
         @startAt, @durationMin, @location, @format, @agenda, @originViewId, @now, @now, @now)
        ON CONFLICT (origin_view_id) DO NOTHING
        RETURNING *`,
  byOrigin: 'SELECT id FROM interviews WHERE origin_view_id = ? AND team_id = ?',
  update: `UPDATE interviews SET
         candidate_name = @candidateName, candidate_phone = @candidatePhone, candidate_email = @candidateEmail,
         client_contact_name = @clientContactName, client_contact_phone = @clientContactPhone,
         client_contact_email = @clientContactEmail,
         client_company = @clientCompany, role_title = @roleTitle, start_at = @startAt,
         duration_min = @durationMin, location = @location, format = @format, agenda = @agenda,
         updated_at = @now, revision = revision + 1,
         ${NEW_PLAN_IF_MOVED}
       WHERE id = @id AND team_id = @team AND (CAST(@expectedRevision AS BIGINT) IS NULL OR revision = @expectedRevision)`,
  byId: 'SELECT * FROM interviews WHERE id = ? AND team_id = ?',
  setCard: 'UPDATE interviews SET card_channel = ?, card_ts = ? WHERE id = ? AND team_id = ?',
  // The new owner's card is a new message: the old one (in the old owner's DM) is let go here.
  handOver: `UPDATE interviews SET owner_id = @to, card_channel = NULL, card_ts = NULL,
          updated_at = @now, revision = revision + 1
        WHERE id = @id AND team_id = @team AND owner_id <> @to AND erased_at IS NULL`,
  // The first handover also records who owned it from the start.
  firstOwner: `INSERT INTO interview_owners (interview_id, owner_id, since)
        SELECT id, owner_id, created_at FROM interviews i WHERE id = ? AND team_id = ?
          AND NOT EXISTS (SELECT 1 FROM interview_owners o WHERE o.interview_id = i.id)`,
  // Only after `handOver` changed this workspace's interview, in the same unit: no guard of its own.
  newOwner: 'INSERT INTO interview_owners (interview_id, owner_id, since, handed_by) VALUES (?, ?, ?, ?)',
  upcoming: `SELECT * FROM interviews
         WHERE team_id = @team AND status = 'scheduled' AND erased_at IS NULL AND start_at >= @from
           AND (CAST(@until AS BIGINT) IS NULL OR start_at < @until)
           AND (CAST(@ownerId AS TEXT) IS NULL OR owner_id = @ownerId)
         ORDER BY start_at, id LIMIT @limit`,
  openFollowUp: `SELECT i.* FROM interviews i
         LEFT JOIN loop_closures l ON l.interview_id = i.id
         WHERE i.team_id = @team AND i.status = 'scheduled' AND i.erased_at IS NULL AND (CAST(@ownerId AS TEXT) IS NULL OR i.owner_id = @ownerId)
           AND i.start_at >= @since
           AND i.start_at + i.duration_min * 60000 <= @now AND l.interview_id IS NULL
         ORDER BY i.start_at DESC, i.id DESC LIMIT @limit`,
  cancel: `UPDATE interviews SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, updated_at = ?
         WHERE id = ? AND team_id = ? AND status = 'scheduled'`,
  // The first `Gedaan` for a task in a plan counts; a second click changes nothing. Sub-records are
  // written through their interview's row (INSERT … SELECT … FROM interviews WHERE id AND team_id):
  // another workspace's interview yields no row, so nothing is written.
  taskDone: `INSERT INTO task_done (interview_id, task, plan, done_at, done_by)
         SELECT id, @task, plan, @now, @userId FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id, task, plan) DO NOTHING`,
  touch: 'UPDATE interviews SET updated_at = ? WHERE id = ? AND team_id = ?',
  saveCoaching: `INSERT INTO coaching_checks (interview_id, context_shared, updates_shared, updates_text,
         candidate_goal, positive_signals, warning_signals, memorable_points, star_examples, gunfactor_discussed,
         coaching_need, logged_at)
         SELECT id, @contextShared, @updatesShared, @updatesText, @candidateGoal, @positive, @warning, @memorable,
                @star, @gunfactor, @need, @now FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id) DO UPDATE SET context_shared = excluded.context_shared,
           updates_shared = excluded.updates_shared, updates_text = excluded.updates_text,
           candidate_goal = excluded.candidate_goal, positive_signals = excluded.positive_signals,
           warning_signals = excluded.warning_signals, memorable_points = excluded.memorable_points,
           star_examples = excluded.star_examples, gunfactor_discussed = excluded.gunfactor_discussed,
           coaching_need = excluded.coaching_need, advice_sent_at = NULL, logged_at = excluded.logged_at`,
  adviceSent: `UPDATE coaching_checks SET advice_sent_at = @now
         WHERE interview_id IN (SELECT i.id FROM interviews i WHERE i.id = @id AND i.team_id = @team)`,
  saveExpectations: `INSERT INTO client_expectations (interview_id, agenda_aligned, evaluation_criteria,
         feedback_expected_at, next_steps, logged_at)
         SELECT id, @agenda, @criteria, @feedbackAt, @nextSteps, @now FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id) DO UPDATE SET agenda_aligned = excluded.agenda_aligned,
           evaluation_criteria = excluded.evaluation_criteria, feedback_expected_at = excluded.feedback_expected_at,
           next_steps = excluded.next_steps, logged_at = excluded.logged_at`,
  // Only after recordChange read the interview through this workspace (mustGet), in the same unit.
  addChange: `INSERT INTO last_minute_changes (interview_id, what, decision, previous_start_at, new_start_at,
         note, created_by, created_at) VALUES (@id, @what, @decision, @previous, @newStart, @note, @by, @now)`,
  saveDebrief: `INSERT INTO candidate_debriefs (interview_id, experience, concerns, interest_level,
         other_processes, notes, logged_at)
         SELECT id, @experience, @concerns, @interest, @other, @notes, @now FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id) DO UPDATE SET experience = excluded.experience, concerns = excluded.concerns,
           interest_level = excluded.interest_level, other_processes = excluded.other_processes, notes = excluded.notes`,
  saveFeedback: `INSERT INTO client_feedback (interview_id, impression, next_steps, concerns, decision, logged_at)
         SELECT id, @impression, @nextSteps, @concerns, @decision, @now FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id) DO UPDATE SET impression = excluded.impression, next_steps = excluded.next_steps,
           concerns = excluded.concerns, decision = excluded.decision`,
  closeLoop: `INSERT INTO loop_closures (interview_id, next_steps_clear, timeline_kept, no_surprises,
         both_positive, closed_at)
         SELECT id, @clear, @kept, @surprises, @positive, @now FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id) DO UPDATE SET next_steps_clear = excluded.next_steps_clear,
           timeline_kept = excluded.timeline_kept, no_surprises = excluded.no_surprises, both_positive = excluded.both_positive`,
  // Each follow-up moment is the earliest evidence: the form, or a `Gedaan` in the current plan.
  // The ownership history is read afterwards (related.owners): SQLite's json_group_array has no
  // PostgreSQL twin under the same name.
  statsRows: `SELECT i.id, i.owner_id, i.start_at, i.duration_min,
           ${earlier('d.logged_at', 'td.done_at')} AS debrief_at,
           ${earlier('f.logged_at', 'tf.done_at')} AS feedback_at,
           ${earlier('l.closed_at', 'tl.done_at')} AS loop_at,
           CASE WHEN t.state = 'skipped' AND t.skip_reason = 'satisfied' THEN 1 ELSE 0 END AS prep_on_time
         FROM interviews i
         LEFT JOIN candidate_debriefs d ON d.interview_id = i.id
         LEFT JOIN client_feedback f ON f.interview_id = i.id
         LEFT JOIN loop_closures l ON l.interview_id = i.id
         LEFT JOIN task_done td ON td.interview_id = i.id AND td.task = 'debrief' AND td.plan = i.plan
         LEFT JOIN task_done tf ON tf.interview_id = i.id AND tf.task = 'client_feedback' AND tf.plan = i.plan
         LEFT JOIN task_done tl ON tl.interview_id = i.id AND tl.task = 'loop' AND tl.plan = i.plan
         LEFT JOIN timeline_items t ON t.interview_id = i.id AND t.kind = 'prep_incomplete_risk' AND t.plan = i.plan
           AND t.team_id = @team
         WHERE i.team_id = @team AND i.status = 'scheduled'
           AND (CAST(@ownerId AS TEXT) IS NULL OR i.owner_id = @ownerId
             OR EXISTS (SELECT 1 FROM interview_owners o WHERE o.interview_id = i.id AND o.owner_id = @ownerId))
           AND i.start_at + i.duration_min * 60000 >= @from AND i.start_at + i.duration_min * 60000 < @to
         ORDER BY i.start_at, i.id`,
  // Not within the quiet period after logging or moving: nobody has had the chance to fill it in.
  contextDue: `SELECT * FROM interviews WHERE team_id = @team AND status = 'scheduled' AND context_checked_at IS NULL
         AND erased_at IS NULL AND plan_started_at <= @quietBefore
         AND start_at > @now AND start_at <= @until ORDER BY start_at, id LIMIT @limit`,
  contextChecked: 'UPDATE interviews SET context_checked_at = ? WHERE id = ? AND team_id = ?',
  // The first statement finds the interview in this workspace; the others run only after it changed
  // a row, in the same unit (erase), so they need no guard of their own.
  erase: [
    `UPDATE interviews SET candidate_name = NULL, candidate_phone = NULL, candidate_email = NULL, agenda = NULL,
           client_contact_name = NULL, client_contact_phone = NULL, client_contact_email = NULL,
           culture_notes = NULL, location = '', erased_at = @now, updated_at = @now, revision = revision + 1
           WHERE id = @id AND team_id = @team AND erased_at IS NULL`,
    `DELETE FROM stakeholders WHERE interview_id = @id`,
    `UPDATE interview_context SET decision_timeline = NULL, other_candidates_note = NULL, client_concerns = NULL,
           commercial_timeline = NULL WHERE interview_id = @id`,
    `UPDATE coaching_checks SET updates_text = NULL, candidate_goal = NULL, memorable_points = NULL,
           star_examples = '[]' WHERE interview_id = @id`,
    `UPDATE client_expectations SET evaluation_criteria = NULL, next_steps = NULL WHERE interview_id = @id`,
    `UPDATE last_minute_changes SET note = NULL WHERE interview_id = @id`,
    `UPDATE candidate_debriefs SET experience = NULL, concerns = NULL, other_processes = NULL, notes = NULL
           WHERE interview_id = @id`,
    `UPDATE client_feedback SET next_steps = NULL, concerns = NULL, decision = NULL WHERE interview_id = @id`,
  ],
  dueForErasure: `SELECT id FROM interviews WHERE team_id = ? AND erased_at IS NULL
         AND start_at + duration_min * 60000 < ? ORDER BY start_at, id LIMIT ?`,
  moveStart: `UPDATE interviews SET start_at = @startAt, updated_at = @now, revision = revision + 1,
         ${NEW_PLAN_IF_MOVED} WHERE id = @id AND team_id = @team`,
  addStakeholder: `INSERT INTO stakeholders
         (interview_id, name, role, seniority, communication_style, key_interests, decision_power, created_at)
         SELECT id, @name, @role, @seniority, @communicationStyle, @keyInterests, @decisionPower, @now
           FROM interviews WHERE id = @interviewId AND team_id = @team
         RETURNING *`,
  updateStakeholder: `UPDATE stakeholders SET name = @name, role = @role, seniority = @seniority,
         communication_style = @communicationStyle, key_interests = @keyInterests, decision_power = @decisionPower
         WHERE id = @id AND interview_id IN (SELECT i.id FROM interviews i WHERE i.id = @interviewId AND i.team_id = @team)`,
  removeStakeholder: `DELETE FROM stakeholders
         WHERE id = ? AND interview_id IN (SELECT i.id FROM interviews i WHERE i.id = ? AND i.team_id = ?)`,
  saveCulture: `UPDATE interviews SET culture_formality = @formality, culture_directness = @directness,
         culture_notes = @notes, updated_at = @now WHERE id = @id AND team_id = @team`,
  saveContext: `INSERT INTO interview_context (interview_id, urgency, decision_timeline,
         other_candidates_count, other_candidates_note, client_concerns, budget_status, commercial_timeline, updated_at)
         SELECT id, @urgency, @decisionTimeline, @otherCandidatesCount, @otherCandidatesNote, @clientConcerns,
                @budgetStatus, @commercialTimeline, @now FROM interviews WHERE id = @id AND team_id = @team
         ON CONFLICT (interview_id) DO UPDATE SET urgency = excluded.urgency,
           decision_timeline = excluded.decision_timeline, other_candidates_count = excluded.other_candidates_count,
           other_candidates_note = excluded.other_candidates_note, client_concerns = excluded.client_concerns,
           budget_status = excluded.budget_status, commercial_timeline = excluded.commercial_timeline,
           updated_at = excluded.updated_at`,
  countUpcoming: `SELECT COUNT(*) AS n FROM interviews
         WHERE team_id = @team AND status = 'scheduled' AND erased_at IS NULL AND start_at >= @from
           AND (CAST(@until AS BIGINT) IS NULL OR start_at < @until)
           AND (CAST(@ownerId AS TEXT) IS NULL OR owner_id = @ownerId)`,
} as const;

const date = (v: unknown): Date | undefined => (typeof v === 'number' ? new Date(v) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean => v === 1;
const json = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

/**
 * The interviews of one workspace (Slack team id, issue 16): every statement is limited to it, so an
 * id from another workspace reads as missing and changes nothing.
 */
export class SqlInterviewRepository implements InterviewRepository {
  /** The statements that take a set of ids (`sql.idsIn`), which is where the engines differ. */
  private readonly byIds: string;
  private readonly related: Record<RelatedName, string>;

  constructor(
    private readonly sql: Sql,
    private readonly team: string,
  ) {
    this.byIds = `SELECT * FROM interviews WHERE ${sql.idsIn('id', '?')} AND team_id = ? ORDER BY id`;
    // Sub-records for a set of interviews at once (ids as one parameter): a list of 40 interviews
    // costs 11 queries, not 440. The ids come from a query scoped to the workspace, so these need
    // no team filter of their own.
    this.related = Object.fromEntries(
      (
        [
          ['stakeholders', 'SELECT * FROM stakeholders', 'ORDER BY id'],
          ['context', 'SELECT * FROM interview_context', ''],
          ['coaching', 'SELECT * FROM coaching_checks', ''],
          ['expectations', 'SELECT * FROM client_expectations', ''],
          ['done', 'SELECT * FROM task_done', 'ORDER BY done_at'],
          ['changes', 'SELECT * FROM last_minute_changes', 'ORDER BY id'],
          ['debrief', 'SELECT * FROM candidate_debriefs', ''],
          ['feedback', 'SELECT * FROM client_feedback', ''],
          ['loop', 'SELECT * FROM loop_closures', ''],
          // The ownership history (only after a handover): the latest handover is read from it.
          ['owners', 'SELECT * FROM interview_owners', 'ORDER BY since, id'],
          // The current plan's items only: an old date's reminders are history, not the plan.
          // (PostgreSQL before 16 wants the subquery named.)
          [
            'timeline',
            `SELECT * FROM (SELECT t.id, t.interview_id, t.kind, t.plan, t.due_at, t.state, t.sent_at, t.done_at
               FROM timeline_items t JOIN interviews i
                 ON i.id = t.interview_id AND t.plan = i.plan AND t.team_id = i.team_id) AS current_plan`,
            'ORDER BY due_at, id',
          ],
        ] as const
      ).map(([name, select, order]) => [name, `${select} WHERE ${sql.idsIn('interview_id', '?')} ${order}`]),
    ) as Record<RelatedName, string>;
  }

  async create(ownerId: string, logistics: Logistics, now: Date, originViewId?: string): Promise<Interview> {
    const inserted = await this.sql.get<Row>(Q.insert, {
      team: this.team,
      ownerId,
      ...logisticsParams(logistics),
      originViewId: originViewId ?? null,
      now: now.getTime(),
    });
    if (inserted === undefined && originViewId !== undefined) {
      // origin_view_id is unique across workspaces (a Slack view id is): a clash with another
      // workspace's interview is not this workspace's double submit.
      const existing = await this.sql.get<{ id: number }>(Q.byOrigin, [originViewId, this.team]);
      if (!existing) throw new Error(`View ${originViewId} already made an interview in another workspace`);
      return this.mustGet(existing.id);
    }
    // Just inserted: no sub-records exist yet, so the row alone is the whole interview.
    return this.hydrate(inserted!, {});
  }

  async updateLogistics(id: number, logistics: Logistics, now: Date, expectedRevision?: number): Promise<Interview> {
    return this.sql.atomically(async () => {
      const changes = await this.sql.run(Q.update, {
        id,
        team: this.team,
        ...logisticsParams(logistics),
        now: now.getTime(),
        expectedRevision: expectedRevision ?? null,
      });
      if (changes === 0) {
        if ((await this.sql.get(Q.byId, [id, this.team])) === undefined) throw new Error(`Interview ${id} does not exist`);
        throw new RevisionConflictError(id);
      }
      return this.mustGet(id);
    });
  }

  // The reads below take several statements (the interview, then its sub-records): one snapshot,
  // so a change committed in between never mixes two states.
  async get(id: number): Promise<Interview | undefined> {
    return this.sql.snapshot(async () => {
      const row = await this.sql.get<Row>(Q.byId, [id, this.team]);
      return row ? (await this.hydrateAll([row]))[0] : undefined;
    });
  }

  async getMany(ids: number[]): Promise<Interview[]> {
    return this.sql.snapshot(async () => {
      if (ids.length === 0) return [];
      return this.hydrateAll(await this.sql.all<Row>(this.byIds, [this.sql.ids(ids), this.team]));
    });
  }

  async handOver(id: number, to: string, by: string, now: Date): Promise<Interview | undefined> {
    return this.sql.atomically(async () => {
      await this.sql.run(Q.firstOwner, [id, this.team]);
      if ((await this.sql.run(Q.handOver, { id, team: this.team, to, now: now.getTime() })) === 0) return undefined;
      await this.sql.run(Q.newOwner, [id, to, now.getTime(), by]);
      return this.get(id);
    });
  }

  async setCard(id: number, card: { channel: string; ts: string }): Promise<void> {
    await this.sql.run(Q.setCard, [card.channel, card.ts, id, this.team]);
  }

  async listUpcoming(q: { ownerId?: string; from: Date; until?: Date; limit: number }): Promise<Interview[]> {
    return this.sql.snapshot(async () => {
      const rows = await this.sql.all<Row>(Q.upcoming, {
        team: this.team,
        ownerId: q.ownerId ?? null,
        from: q.from.getTime(),
        until: q.until?.getTime() ?? null,
        limit: q.limit,
      });
      return this.hydrateAll(rows);
    });
  }

  async countUpcoming(q: { ownerId?: string; from: Date; until?: Date }): Promise<number> {
    const row = (await this.sql.get<{ n: number }>(Q.countUpcoming, {
      team: this.team,
      ownerId: q.ownerId ?? null,
      from: q.from.getTime(),
      until: q.until?.getTime() ?? null,
    }))!;
    return row.n;
  }

  async listOpenFollowUp(q: { ownerId?: string; since: Date; now: Date; limit: number }): Promise<Interview[]> {
    return this.sql.snapshot(async () => {
      const rows = await this.sql.all<Row>(Q.openFollowUp, {
        team: this.team,
        ownerId: q.ownerId ?? null,
        since: q.since.getTime(),
        now: q.now.getTime(),
        limit: q.limit,
      });
      return this.hydrateAll(rows);
    });
  }

  async addStakeholder(interviewId: number, fields: StakeholderFields, now: Date): Promise<Stakeholder> {
    return this.sql.atomically(async () => {
      const row = await this.sql.get<Row>(Q.addStakeholder, { interviewId, team: this.team, ...stakeholderParams(fields), now: now.getTime() });
      if (!row) throw new Error(`Interview ${interviewId} does not exist`);
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
      return toStakeholder(row);
    });
  }

  async updateStakeholder(interviewId: number, stakeholderId: number, fields: StakeholderFields, now: Date): Promise<boolean> {
    return this.sql.atomically(async () => {
      const changes = await this.sql.run(Q.updateStakeholder, { id: stakeholderId, interviewId, team: this.team, ...stakeholderParams(fields) });
      if (changes > 0) await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
      return changes > 0;
    });
  }

  async removeStakeholder(interviewId: number, stakeholderId: number, now: Date): Promise<boolean> {
    return this.sql.atomically(async () => {
      const changes = await this.sql.run(Q.removeStakeholder, [stakeholderId, interviewId, this.team]);
      if (changes > 0) await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
      return changes > 0;
    });
  }

  async saveCulture(interviewId: number, culture: CultureNotes, now: Date): Promise<void> {
    await this.sql.run(Q.saveCulture, {
      id: interviewId,
      team: this.team,
      formality: culture.formality ?? null,
      directness: culture.directness ?? null,
      notes: culture.notes ?? null,
      now: now.getTime(),
    });
  }

  async saveContext(interviewId: number, c: ContextFields, now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      await this.sql.run(Q.saveContext, {
        id: interviewId,
        team: this.team,
        urgency: c.urgency ?? null,
        decisionTimeline: c.decisionTimeline ?? null,
        otherCandidatesCount: c.otherCandidatesCount ?? null,
        otherCandidatesNote: c.otherCandidatesNote ?? null,
        clientConcerns: c.clientConcerns ?? null,
        budgetStatus: c.budgetStatus ?? null,
        commercialTimeline: c.commercialTimeline ?? null,
        now: now.getTime(),
      });
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
    });
  }

  async cancel(interviewId: number, userId: string, now: Date): Promise<boolean> {
    return (await this.sql.run(Q.cancel, [now.getTime(), userId, now.getTime(), interviewId, this.team])) === 1;
  }

  async markTaskDone(interviewId: number, task: Task, userId: string, now: Date): Promise<boolean> {
    return this.sql.atomically(async () => {
      const changed = (await this.sql.run(Q.taskDone, { id: interviewId, team: this.team, task, userId, now: now.getTime() })) === 1;
      if (changed) await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
      return changed;
    });
  }

  async saveCoaching(interviewId: number, f: CoachingFields, need: CoachingNeed, now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      await this.sql.run(Q.saveCoaching, {
        id: interviewId,
        team: this.team,
        contextShared: f.contextShared ? 1 : 0,
        updatesShared: f.updatesShared ? 1 : 0,
        updatesText: f.updatesText ?? null,
        candidateGoal: f.candidateGoal ?? null,
        positive: JSON.stringify(f.positiveSignals),
        warning: JSON.stringify(f.warningSignals),
        memorable: f.memorablePoints ?? null,
        star: JSON.stringify(f.starExamples),
        gunfactor: f.gunfactorDiscussed ? 1 : 0,
        need,
        now: now.getTime(),
      });
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
    });
  }

  async markAdviceSent(interviewId: number, now: Date): Promise<void> {
    await this.sql.run(Q.adviceSent, { now: now.getTime(), id: interviewId, team: this.team });
  }

  async saveExpectations(interviewId: number, f: ExpectationsFields, now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      await this.sql.run(Q.saveExpectations, {
        id: interviewId,
        team: this.team,
        agenda: f.agendaAligned ? 1 : 0,
        criteria: f.evaluationCriteria ?? null,
        feedbackAt: f.feedbackExpectedAt?.getTime() ?? null,
        nextSteps: f.nextSteps ?? null,
        now: now.getTime(),
      });
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
    });
  }

  async recordChange(interviewId: number, c: Omit<LastMinuteChange, 'id' | 'createdAt' | 'previousStart'>, now: Date): Promise<Interview> {
    return this.sql.atomically(async () => {
      const current = await this.mustGet(interviewId);
      await this.sql.run(Q.addChange, {
        id: interviewId,
        what: c.what,
        decision: c.decision,
        previous: current.logistics.start.getTime(),
        newStart: c.newStart?.getTime() ?? null,
        note: c.note ?? null,
        by: c.createdBy,
        now: now.getTime(),
      });
      if (c.decision === 'reschedule' && c.newStart) await this.sql.run(Q.moveStart, { startAt: c.newStart.getTime(), now: now.getTime(), id: interviewId, team: this.team });
      else await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
      return this.mustGet(interviewId);
    });
  }

  async saveDebrief(interviewId: number, f: DebriefFields, now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      await this.sql.run(Q.saveDebrief, {
        id: interviewId,
        team: this.team,
        experience: f.experience ?? null,
        concerns: f.concerns ?? null,
        interest: f.interestLevel,
        other: f.otherProcesses ?? null,
        notes: f.notes ?? null,
        now: now.getTime(),
      });
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
    });
  }

  async saveFeedback(interviewId: number, f: FeedbackFields, now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      await this.sql.run(Q.saveFeedback, {
        id: interviewId,
        team: this.team,
        impression: f.impression,
        nextSteps: f.nextSteps ?? null,
        concerns: f.concerns ?? null,
        decision: f.decision ?? null,
        now: now.getTime(),
      });
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
    });
  }

  async closeLoop(interviewId: number, f: LoopFields, now: Date): Promise<void> {
    await this.sql.atomically(async () => {
      await this.sql.run(Q.closeLoop, {
        id: interviewId,
        team: this.team,
        clear: f.nextStepsClear ? 1 : 0,
        kept: f.timelineKept ? 1 : 0,
        surprises: f.noSurprises ? 1 : 0,
        positive: f.bothPositive ? 1 : 0,
        now: now.getTime(),
      });
      await this.sql.run(Q.touch, [now.getTime(), interviewId, this.team]);
    });
  }

  async statsRows(q: { ownerId?: string; from: Date; to: Date }): Promise<StatsRow[]> {
    return this.sql.snapshot(async () => {
      const rows = await this.sql.all<Row>(Q.statsRows, { team: this.team, ownerId: q.ownerId ?? null, from: q.from.getTime(), to: q.to.getTime() });
      if (rows.length === 0) return [];
      const owners = new Map<number, Row[]>();
      for (const o of await this.sql.all<Row>(this.related.owners, [this.sql.ids(rows.map((r) => r.id as number))])) {
        const list = owners.get(o.interview_id as number) ?? [];
        list.push(o);
        owners.set(o.interview_id as number, list);
      }
      return rows.map((r) => ({
        interviewId: r.id as number,
        ownerId: r.owner_id as string,
        start: new Date(r.start_at as number),
        durationMin: r.duration_min as number,
        prepOnTime: r.prep_on_time === 1,
        debriefAt: date(r.debrief_at),
        feedbackAt: date(r.feedback_at),
        loopClosedAt: date(r.loop_at),
        owners: ownersOf(owners.get(r.id as number)),
      }));
    });
  }

  async dueContextChecks(now: Date, until: Date, limit: number): Promise<Interview[]> {
    return this.sql.snapshot(async () => {
      const quietBefore = now.getTime() - QUIET_AFTER_LOGGING_MIN * 60_000;
      return this.hydrateAll(await this.sql.all<Row>(Q.contextDue, { team: this.team, now: now.getTime(), until: until.getTime(), limit, quietBefore }));
    });
  }

  async markContextChecked(interviewId: number, now: Date): Promise<void> {
    await this.sql.run(Q.contextChecked, [now.getTime(), interviewId, this.team]);
  }

  async erase(interviewId: number, now: Date): Promise<boolean> {
    return this.sql.atomically(async () => {
      const [first, ...rest] = Q.erase;
      if ((await this.sql.run(first, { id: interviewId, team: this.team, now: now.getTime() })) === 0) return false;
      for (const stmt of rest) await this.sql.run(stmt, { id: interviewId });
      return true;
    });
  }

  async dueForErasure(endedBefore: Date, limit: number): Promise<number[]> {
    return (await this.sql.all<{ id: number }>(Q.dueForErasure, [this.team, endedBefore.getTime(), limit])).map((r) => r.id);
  }

  private async mustGet(id: number): Promise<Interview> {
    const found = await this.get(id);
    if (!found) throw new Error(`Interview ${id} vanished`);
    return found;
  }

  /** Interviews from their rows, with every sub-record loaded in one query per table. */
  private async hydrateAll(rows: Row[]): Promise<Interview[]> {
    if (rows.length === 0) return [];
    const ids = this.sql.ids(rows.map((r) => r.id as number));
    const byInterview = new Map<number, Partial<Record<RelatedName, Row[]>>>();
    for (const name of RELATED_NAMES) {
      for (const rel of await this.sql.all<Row>(this.related[name], [ids])) {
        const entry = byInterview.get(rel.interview_id as number) ?? {};
        (entry[name] ??= []).push(rel);
        byInterview.set(rel.interview_id as number, entry);
      }
    }
    return rows.map((r) => this.hydrate(r, byInterview.get(r.id as number) ?? {}));
  }

  private hydrate(r: Row, rel: Partial<Record<RelatedName, Row[]>>): Interview {
    const id = r.id as number;
    const one = (name: RelatedName) => rel[name]?.[0];
    const many = (name: RelatedName) => rel[name] ?? [];
    return {
      id,
      ownerId: r.owner_id as string,
      status: r.status as Interview['status'],
      cancelled:
        typeof r.cancelled_at === 'number' ? { by: String(r.cancelled_by), at: new Date(r.cancelled_at) } : undefined,
      erased: r.erased_at !== null,
      logistics: {
        candidateName: text(r.candidate_name) ?? '',
        candidatePhone: text(r.candidate_phone),
        candidateEmail: text(r.candidate_email),
        clientContactName: text(r.client_contact_name),
        clientContactPhone: text(r.client_contact_phone),
        clientContactEmail: text(r.client_contact_email),
        clientCompany: r.client_company as string,
        roleTitle: r.role_title as string,
        start: new Date(r.start_at as number),
        durationMin: r.duration_min as number,
        location: r.location as string,
        format: r.format as Logistics['format'],
        agenda: text(r.agenda),
      },
      culture: {
        formality: text(r.culture_formality) as Interview['culture']['formality'],
        directness: text(r.culture_directness) as Interview['culture']['directness'],
        notes: text(r.culture_notes),
      },
      stakeholders: many('stakeholders').map(toStakeholder),
      context: mapOpt(one('context'), toContext),
      coaching: mapOpt(one('coaching'), toCoaching),
      clientExpectations: mapOpt(one('expectations'), toExpectations),
      done: tasksDone(many('done'), r.plan as number),
      plan: r.plan as number,
      planStartedAt: new Date((r.plan_started_at ?? r.created_at) as number),
      changes: many('changes').map(toChange),
      debrief: mapOpt(one('debrief'), toDebrief),
      clientFeedback: mapOpt(one('feedback'), toFeedback),
      loop: mapOpt(one('loop'), toLoop),
      timeline: many('timeline').map(toTimeline),
      card:
        typeof r.card_channel === 'string' && typeof r.card_ts === 'string'
          ? { channel: r.card_channel, ts: r.card_ts }
          : undefined,
      handedOver: latestHandover(many('owners')),
      createdAt: new Date(r.created_at as number),
      updatedAt: new Date(r.updated_at as number),
      revision: r.revision as number,
    };
  }
}

function logisticsParams(l: Logistics) {
  return {
    candidateName: l.candidateName,
    candidatePhone: l.candidatePhone ?? null,
    candidateEmail: l.candidateEmail ?? null,
    clientContactName: l.clientContactName ?? null,
    clientContactPhone: l.clientContactPhone ?? null,
    clientContactEmail: l.clientContactEmail ?? null,
    clientCompany: l.clientCompany,
    roleTitle: l.roleTitle,
    startAt: l.start.getTime(),
    durationMin: l.durationMin,
    location: l.location,
    format: l.format,
    agenda: l.agenda ?? null,
  };
}

function stakeholderParams(f: StakeholderFields) {
  return {
    name: f.name,
    role: f.role ?? null,
    seniority: f.seniority ?? null,
    communicationStyle: f.communicationStyle ?? null,
    keyInterests: f.keyInterests ?? null,
    decisionPower: f.decisionPower,
  };
}

const mapOpt = <T>(row: Row | undefined, f: (r: Row) => T): T | undefined => (row ? f(row) : undefined);

function toStakeholder(r: Row): Stakeholder {
  return {
    id: r.id as number,
    name: r.name as string,
    role: text(r.role),
    seniority: text(r.seniority) as Stakeholder['seniority'],
    communicationStyle: text(r.communication_style),
    keyInterests: text(r.key_interests),
    decisionPower: r.decision_power as Stakeholder['decisionPower'],
  };
}

function toContext(r: Row): InterviewContext {
  return {
    urgency: text(r.urgency) as InterviewContext['urgency'],
    decisionTimeline: text(r.decision_timeline),
    otherCandidatesCount: typeof r.other_candidates_count === 'number' ? r.other_candidates_count : undefined,
    otherCandidatesNote: text(r.other_candidates_note),
    clientConcerns: text(r.client_concerns),
    budgetStatus: text(r.budget_status) as InterviewContext['budgetStatus'],
    commercialTimeline: text(r.commercial_timeline),
    updatedAt: new Date(r.updated_at as number),
  };
}

function toCoaching(r: Row): CoachingCheck {
  return {
    contextShared: bool(r.context_shared),
    updatesShared: bool(r.updates_shared),
    updatesText: text(r.updates_text),
    candidateGoal: text(r.candidate_goal),
    positiveSignals: json(r.positive_signals, []),
    warningSignals: json(r.warning_signals, []),
    memorablePoints: text(r.memorable_points),
    starExamples: json(r.star_examples, []),
    gunfactorDiscussed: bool(r.gunfactor_discussed),
    coachingNeed: r.coaching_need as CoachingCheck['coachingNeed'],
    adviceSentAt: date(r.advice_sent_at),
    loggedAt: new Date(r.logged_at as number),
  };
}

function toExpectations(r: Row): ClientExpectations {
  return {
    agendaAligned: bool(r.agenda_aligned),
    evaluationCriteria: text(r.evaluation_criteria),
    feedbackExpectedAt: date(r.feedback_expected_at),
    nextSteps: text(r.next_steps),
    loggedAt: new Date(r.logged_at as number),
  };
}

function toChange(r: Row): LastMinuteChange {
  return {
    id: r.id as number,
    what: r.what as LastMinuteChange['what'],
    decision: r.decision as LastMinuteChange['decision'],
    previousStart: new Date(r.previous_start_at as number),
    newStart: date(r.new_start_at),
    note: text(r.note),
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as number),
  };
}

function toDebrief(r: Row): CandidateDebrief {
  return {
    experience: text(r.experience),
    concerns: text(r.concerns),
    interestLevel: r.interest_level as number,
    otherProcesses: text(r.other_processes),
    notes: text(r.notes),
    loggedAt: new Date(r.logged_at as number),
  };
}

function toFeedback(r: Row): ClientFeedback {
  return {
    impression: r.impression as ClientFeedback['impression'],
    nextSteps: text(r.next_steps),
    concerns: text(r.concerns),
    decision: text(r.decision),
    loggedAt: new Date(r.logged_at as number),
  };
}

function toLoop(r: Row): LoopClosure {
  return {
    nextStepsClear: bool(r.next_steps_clear),
    timelineKept: bool(r.timeline_kept),
    noSurprises: bool(r.no_surprises),
    bothPositive: bool(r.both_positive),
    closedAt: new Date(r.closed_at as number),
  };
}

/**
 * The tasks that count now: for plan-scoped tasks the current plan's tick, for interview-wide ones
 * the first tick in any plan (rows arrive ordered by time).
 */
function tasksDone(rows: Row[], plan: number): Interview['done'] {
  const out: Interview['done'] = {};
  for (const r of rows) {
    const task = r.task as Task;
    if (out[task] || (TASK_RULES[task].scope === 'plan' && r.plan !== plan)) continue;
    out[task] = { at: new Date(r.done_at as number), by: r.done_by as string, plan: r.plan as number };
  }
  return out;
}

function toTimeline(r: Row): TimelineItemSummary {
  return {
    kind: r.kind as TimelineItemSummary['kind'],
    plan: r.plan as number,
    dueAt: new Date(r.due_at as number),
    state: r.state as TimelineItemSummary['state'],
    sentAt: date(r.sent_at),
    doneAt: date(r.done_at),
  };
}

/** The ownership history (rows of interview_owners, ordered); none before a handover. */
function ownersOf(rows: Row[] | undefined): Array<{ ownerId: string; since: Date }> | undefined {
  const list = (rows ?? []).map((o) => ({ ownerId: o.owner_id as string, since: new Date(o.since as number) }));
  // In the order they were written (since, id): a handover in the creation's millisecond comes second.
  return list.length > 0 ? list : undefined;
}

/** From whom and when the interview was last handed over: the last two rows of its ownership history. */
function latestHandover(owners: Row[]): { from: string; at: Date } | undefined {
  if (owners.length < 2) return undefined;
  const [previous, latest] = owners.slice(-2) as [Row, Row];
  return { from: previous.owner_id as string, at: new Date(latest.since as number) };
}
