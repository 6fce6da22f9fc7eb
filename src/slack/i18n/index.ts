import { en } from './en.js';
import { nl, type MessageKey } from './nl.js';

export type { MessageKey };
export type Language = 'nl' | 'en';
export type Params = Record<string, string | number>;

/** A translator bound to one language; views and listeners get one and never hold literals. */
export interface Translator {
  readonly language: Language;
  readonly catalogue: Readonly<Record<MessageKey, string>>;
  (key: MessageKey, params?: Params): string;
}

export const catalogues: Record<Language, Record<MessageKey, string>> = { nl, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

export function createTranslator(language: Language): Translator {
  const catalogue = catalogues[language];
  const t = (key: MessageKey, params?: Params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  return Object.assign(t, { language, catalogue });
}
