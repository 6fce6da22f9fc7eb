/* eslint-disable @typescript-eslint/no-explicit-any -- walks arbitrary Block Kit JSON for a text rendering */
/* Renders the card and every reminder for one sample interview as plain text (markdown), with the code of the checkout it runs in. */
import { createTranslator } from '../src/slack/i18n/index.js';
import { buildInterviewCard } from '../src/slack/views/interviewCard.js';
import { buildReminder } from '../src/slack/views/reminders.js';
import { TIMELINE_KINDS } from '../src/domain/interview.js';
import { interview, logistics, stakeholder } from '../test/support/builders.js';

const t = createTranslator('nl');
const TZ = 'Europe/Amsterdam';
const start = new Date('2026-12-02T13:00:00Z');
const i = interview({
  logistics: { ...logistics({ start, durationMin: 45, format: 'panel', agenda: 'Kennismaking\nTechnische case met het team\nVragen en vervolg', candidatePhone: '+31 6 12345678' }), clientContactName: 'Jan Jansen', clientContactPhone: '020 123 45 67', clientContactEmail: 'jan@acme.example' } as never,
  stakeholders: [stakeholder({ keyInterests: 'schaalbaarheid' }), stakeholder({ id: 2, name: 'Anna de Jong', role: 'HR-manager', decisionPower: 'advisory', keyInterests: 'teamfit' })],
  context: { urgency: 'high', otherCandidatesCount: 2, budgetStatus: 'approved', clientConcerns: 'weinig leidinggevende ervaring', updatedAt: new Date('2026-11-30T10:00:00Z') },
  clientExpectations: { agendaAligned: true, evaluationCriteria: 'ervaring met Kubernetes, communicatie', loggedAt: new Date('2026-11-30T10:00:00Z') },
});
const plain = (blocks: unknown[]) =>
  (blocks as Array<Record<string, any>>)
    .map((b) => {
      if (b.type === 'header') return `**${b.text.text}**`;
      if (b.type === 'section') return [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text.replace('\n', ': '))].filter(Boolean).join('\n');
      if (b.type === 'context') return b.elements.map((e: any) => e.text).join(' ');
      if (b.type === 'actions') {
        return b.elements
          .map((e: any) => (e.type === 'static_select' ? `[${e.placeholder.text} ▾]` : e.style === 'primary' ? `[**${e.text.text}**]` : `[${e.text.text}]`))
          .join(' ');
      }
      return '';
    })
    .filter(Boolean)
    .join('\n');
const out: string[] = [];
out.push('#### Kaart', '```', plain(buildInterviewCard(i, TZ, t).blocks), '```');
const due: Record<string, Date> = {
  prep_candidate: new Date('2026-12-01T08:00:00Z'), prep_client: new Date('2026-12-01T08:00:00Z'), candidate_checkin: new Date('2026-12-02T11:00:00Z'),
  prep_incomplete_risk: new Date('2026-12-02T11:00:00Z'), client_reminder: new Date('2026-12-02T12:00:00Z'), on_call: start,
  candidate_debrief_due: new Date('2026-12-02T13:45:00Z'), candidate_debrief_overdue: new Date('2026-12-02T15:45:00Z'),
  client_feedback_overdue: new Date('2026-12-02T17:45:00Z'), loop_overdue: new Date('2026-12-03T13:45:00Z'),
};
for (const kind of TIMELINE_KINDS) {
  if (!due[kind]) continue;
  const m = buildReminder({ item: { id: 1, kind, dueAt: due[kind], plan: 1 } as never, interview: i, tz: TZ, t, now: due[kind] });
  out.push(`#### ${kind}`, '```', plain(m.blocks), '```');
}
console.log(out.join('\n'));
