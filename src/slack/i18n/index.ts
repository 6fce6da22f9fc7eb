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

/**
 * `{name}` is replaced by the parameter; `{count|# interview|# interviews}` picks the singular for 1
 * and the plural otherwise, `#` standing for the number ("1 interview", "3 interviews").
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g;

export function createTranslator(language: Language): Translator {
  const catalogue = catalogues[language];
  const t = (key: MessageKey, params?: Params) =>
    catalogue[key].replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
      if (!params || !Object.hasOwn(params, name)) return whole;
      const value = params[name] as string | number;
      if (one === undefined || other === undefined) return String(value);
      return (Number(value) === 1 ? one : other).replaceAll('#', String(value));
    });
  return Object.assign(t, { language, catalogue });
}
