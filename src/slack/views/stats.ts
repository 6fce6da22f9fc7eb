import type { KnownBlock } from '@slack/types';
import { candidateInitials, type Interview } from '../../domain/interview.js';
import type { SlaFigure, Stats, StatsPeriod } from '../../domain/stats.js';
import { context, esc, header, LIMITS, plainText, section, truncate } from '../blocks.js';
import type { Translator } from '../i18n/index.js';
import { slackDate } from '../format.js';
import { formatDuration } from './durations.js';
import { beforeStartText, slaText } from './ruleText.js';

function figure(f: SlaFigure, t: Translator, withMedian: boolean): string {
  const base = t('stats.figure', { count: f.count, total: f.total, pct: f.pct === null ? '–' : `${f.pct}%` });
  return withMedian && f.medianDelayMin !== null ? base + t('stats.median', { delay: formatDuration(f.medianDelayMin * 60_000, t) }) : base;
}

/** One section of SLA figures for me or the team. */
export function statsSection(stats: Stats, scope: 'me' | 'team', period: StatsPeriod, t: Translator): KnownBlock {
  const title = t('stats.title', { scope: t(`stats.scope.${scope}`), period: t(`stats.period.${period}`), count: stats.interviews });
  if (stats.interviews === 0) return section(`${title}\n${t('stats.none')}`);
  return section(
    [
      title,
      t('stats.line.prep', { figure: figure(stats.prepOnTime, t, false), before: beforeStartText('prep_incomplete_risk', t) }),
      t('stats.line.debrief', { figure: figure(stats.debriefWithin2h, t, true), sla: slaText('debrief', t) }),
      t('stats.line.feedback', { figure: figure(stats.feedbackWithin4h, t, true), sla: slaText('client_feedback', t) }),
      t('stats.line.loop', { figure: figure(stats.loopWithin24h, t, true), sla: slaText('loop', t) }),
    ].join('\n'),
  );
}

/** The Monday digest for the risk channel: last week's team figures and the loops still open. */
export function buildDigest(stats: Stats, openLoops: Interview[], tz: string, t: Translator): { text: string; blocks: KnownBlock[] } {
  const lines = openLoops.map((i) =>
    t('digest.openLoop', {
      owner: i.ownerId,
      client: esc(i.logistics.clientCompany),
      initials: esc(candidateInitials(i.logistics.candidateName)),
      when: slackDate(i.logistics.start, tz, t.language),
    }),
  );
  // Keep the list inside one section (3000 characters), saying how many did not fit.
  let shown = lines.length;
  while (shown > 0 && lines.slice(0, shown).join('\n').length > LIMITS.sectionText - 200) shown -= 1;
  const list = lines.slice(0, shown).join('\n') + (shown < lines.length ? `\n${t('digest.more', { count: lines.length - shown })}` : '');
  return {
    text: plainText(t, 'digest.title'),
    blocks: [
      header(t('digest.title')),
      statsSection(stats, 'team', 'week', t),
      section(openLoops.length === 0 ? t('digest.noOpenLoops') : truncate(`${t('digest.openLoops', { count: openLoops.length })}\n${list}`, LIMITS.sectionText)),
      context(t('risk.footer')),
    ],
  };
}
