import type { Logistics } from '../../domain/interview.js';
import { esc } from '../blocks.js';
import type { Translator } from '../i18n/index.js';

/** A phone number as a `tel:` link (digits and a leading +), shown as it was entered. */
export function phoneLink(phone: string): string {
  const digits = phone.trim().replace(/(?!^\+)[^0-9]/g, '');
  return `<tel:${digits}|${esc(phone.trim())}>`;
}

/** An e-mail address as a `mailto:` link. */
export function emailLink(email: string): string {
  return `<mailto:${encodeURI(email.trim())}|${esc(email.trim())}>`;
}

/** "📞 <tel:…|+31 6 …> · ✉️ <mailto:…|…>" for whoever the message asks to contact; undefined without any. */
export function contactLine(who: string | undefined, phone: string | undefined, email: string | undefined, t: Translator): string | undefined {
  const ways = [phone ? `📞 ${phoneLink(phone)}` : undefined, email ? `✉️ ${emailLink(email)}` : undefined].filter((w): w is string => w !== undefined);
  if (ways.length === 0) return undefined;
  return who ? t('contact.line', { who: esc(who), ways: ways.join(' · ') }) : ways.join(' · ');
}

/** The candidate's contact line (check-in, debrief). */
export function candidateContact(l: Logistics, t: Translator): string | undefined {
  return contactLine(l.candidateName, l.candidatePhone, l.candidateEmail, t);
}

/** The client contact person's line (client reminder, feedback); their name, or the company's. */
export function clientContact(l: Logistics, t: Translator): string | undefined {
  return contactLine(l.clientContactName ?? l.clientCompany, l.clientContactPhone, l.clientContactEmail, t);
}

/** Who to address at the client: the contact person by name, else the company. */
export function clientAddressee(l: Logistics): string {
  return esc(l.clientContactName ? `${l.clientContactName} (${l.clientCompany})` : l.clientCompany);
}

/** Words that make a location a video call rather than a place to go to. */
const VIRTUAL = /https?:\/\/|\b(?:teams|zoom|meet|webex|skype|whereby|online|video|videocall|videogesprek|remote|digitaal|telefonisch)\b/i;

/** The location, with a map link when it is an address (not a video call or a link already). */
export function locationText(location: string): string {
  const trimmed = location.trim();
  if (VIRTUAL.test(trimmed)) return esc(trimmed);
  return `<https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(trimmed)}|${esc(trimmed)}>`;
}
