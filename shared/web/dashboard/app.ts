/**
 * The leadership dashboard in the browser: reads the data API (never the table), draws the charts
 * with vega-embed, speaks Russian or English. `body[data-state]` turns to `ready` once the page
 * and all its charts are drawn (the browser test waits for it), or `error`.
 */
import embed from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import { apiErrorSchema } from '../../schemas/dashboard-api.ts';
import { h } from './dom.ts';
import { chartFormatLocale, languages, localiser, type Language, type Localiser } from './i18n.ts';
import type { Api, PageContext } from './page-context.ts';
import { closedLoopPage } from './pages/closed-loop.ts';
import { overviewPage } from './pages/overview.ts';
import { programmePage } from './pages/programme.ts';
import { segmentsPage } from './pages/segments.ts';
import { standardsPage } from './pages/standards.ts';
import { idToken, signOut } from './sign-in.ts';
import { siteConfigSchema, type SiteConfig } from './site-config.ts';

const pages = ['overview', 'segments', 'standards', 'closed-loop', 'programme'] as const;
type PageName = (typeof pages)[number];
const navLabel = { overview: 'nav.overview', segments: 'nav.segments', standards: 'nav.standards', 'closed-loop': 'nav.closedLoop', programme: 'nav.programme' } as const;
const languageKey = 'vip-dashboard-language';

class ForbiddenError extends Error {}

function chosenLanguage(): Language {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(languageKey) ?? document.documentElement.lang;
  return (languages as readonly string[]).includes(asked ?? '') ? (asked as Language) : 'ru';
}

/** "#segments/2027-Q1" -> segments, 2027-Q1. */
function route(): { page: PageName; quarter?: string } {
  const [page, quarter] = location.hash.slice(1).split('/');
  return { page: (pages as readonly string[]).includes(page ?? '') ? (page as PageName) : 'overview', ...(quarter && { quarter }) };
}

function apiFor(config: SiteConfig, token: string | undefined): Api {
  const headers: Record<string, string> = { accept: 'application/json', ...(token && { authorization: `Bearer ${token}` }) };
  return {
    async get(path, schema) {
      const response = await fetch(`${config.apiBase}${path}`, { headers });
      if (response.status === 401 || response.status === 403) throw new ForbiddenError();
      const body: unknown = await response.json();
      if (!response.ok) throw new Error(apiErrorSchema.safeParse(body).data?.error ?? `HTTP ${response.status}`);
      return schema.parse(body);
    },
    async post(path, value) {
      const response = await fetch(`${config.apiBase}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(value) });
      if (response.status === 401 || response.status === 403) throw new ForbiddenError();
      const body: unknown = await response.json();
      if (response.ok) return { ok: true, value: body };
      return { ok: false, status: response.status, error: apiErrorSchema.parse(body) };
    },
  };
}

async function main(): Promise<void> {
  // The review mail links to `?quarter=2027-Q1`: open that quarter's segments.
  const linked = new URLSearchParams(location.search).get('quarter');
  if (linked && !location.hash) history.replaceState(null, '', `#segments/${encodeURIComponent(linked)}`);
  const config = siteConfigSchema.parse(await (await fetch('config.json', { cache: 'no-store' })).json());
  const token = config.auth.mode === 'cognito' ? await idToken(config.auth) : undefined;
  if (config.auth.mode === 'cognito' && token === undefined) return; // on the way to the sign-in page
  const api = apiFor(config, token);
  let language = chosenLanguage();
  let l: Localiser = localiser(language);

  const render = async () => {
    document.body.dataset.state = 'loading';
    document.documentElement.lang = language;
    document.title = l.t('title');
    document.getElementById('title')!.textContent = l.t('title');
    const switcher = document.getElementById('language')!;
    switcher.textContent = l.t('language.switch');
    switcher.setAttribute('lang', language === 'ru' ? 'en' : 'ru');
    const note = document.getElementById('mode-note')!;
    note.hidden = config.auth.mode !== 'local-no-sign-in';
    note.textContent = l.t('local.noSignIn');
    const auth = document.getElementById('auth')!;
    auth.replaceChildren();
    if (config.auth.mode === 'cognito') {
      const cognito = config.auth;
      const out = h('button', { type: 'button' }, l.t('auth.signOut'));
      out.addEventListener('click', () => signOut(cognito));
      auth.append(l.t('auth.signedIn'), ' ', out);
    }
    const current = route();
    document.getElementById('nav')!.replaceChildren(...pages.map((p) => h('a', { href: `#${p}`, 'aria-current': p === current.page ? 'page' : undefined, 'data-nav': p }, l.t(navLabel[p]))));
    const main = document.getElementById('page')!;
    main.replaceChildren(h('p', { class: 'note' }, l.t('loading')));
    const drawing: Promise<unknown>[] = [];
    const ctx: PageContext = {
      l,
      api,
      chart(spec: TopLevelSpec, name: string, size?: 'wide') {
        const element = h('div', { class: size === 'wide' ? 'chart wide' : 'chart', 'data-chart': name });
        // Drawn once the element is in the page, so `width: container` has a width to take.
        drawing.push(
          Promise.resolve().then(() =>
            embed(element, spec, { actions: false, renderer: 'svg', formatLocale: chartFormatLocale(language) as unknown as Record<string, unknown> }),
          ),
        );
        return element;
      },
      refresh: () => void render(),
    };
    const choose = (quarter: string) => (location.hash = `#${current.page}/${quarter}`);
    try {
      const page =
        current.page === 'overview'
          ? await overviewPage(ctx)
          : current.page === 'segments'
            ? await segmentsPage(ctx, current.quarter, choose)
            : current.page === 'standards'
              ? await standardsPage(ctx)
              : current.page === 'closed-loop'
                ? await closedLoopPage(ctx, current.quarter, choose)
                : await programmePage(ctx);
      main.replaceChildren(page);
      await Promise.all(drawing);
      document.body.dataset.state = 'ready';
    } catch (error) {
      main.replaceChildren(h('p', { class: 'errors' }, error instanceof ForbiddenError ? l.t('auth.forbidden') : `${l.t('error.load')}: ${(error as Error).message}`));
      document.body.dataset.state = 'error';
    }
  };

  document.getElementById('language')!.addEventListener('click', () => {
    language = language === 'ru' ? 'en' : 'ru';
    localStorage.setItem(languageKey, language);
    l = localiser(language);
    void render();
  });
  window.addEventListener('hashchange', () => void render());
  await render();
}

void main();
