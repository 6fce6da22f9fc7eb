import type { ServerResponse } from 'node:http';
import { createTranslator, type Language } from './i18n/index.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The two pages a person sees at the end of Slack's install flow, in the UI language: done (and what
 * to do next), or not done (and the way back to /slack/install). Never an error's details.
 */
export function installPages(language: Language) {
  const t = createTranslator(language);
  const page = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(t('install.title'))}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5">${body}</body></html>`,
    );
  };
  return {
    success(res: ServerResponse, team: string | undefined): void {
      const text = team ? t('install.done', { team }) : t('install.doneNoName');
      page(res, 200, `<h1>${escapeHtml(t('install.title'))}</h1><p>${escapeHtml(text)}</p>`);
    },
    failure(res: ServerResponse): void {
      page(res, 400, `<h1>${escapeHtml(t('install.title'))}</h1><p>${escapeHtml(t('install.failed'))}</p><p><a href="/slack/install">${escapeHtml(t('install.retry'))}</a></p>`);
    },
  };
}
