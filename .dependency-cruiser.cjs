/**
 * The boundaries between the sides Sidechat runs on (`npm run lint:imports`; docs/architecture.md).
 * Every kind of import counts, type-only ones included: a type import from the wrong side is how
 * code from that side starts to leak in. Run it with `npm run lint:imports` (scripts/lint-imports/),
 * which gives dependency-cruiser the TypeScript 5 it parses with, and fails if it sees no import.
 */
const BACKGROUND = '^(utils/(background|history)/|entrypoints/background[.]ts$)';
const ENDPOINT = '^utils/endpoint/';
const PANEL = '^(utils/panel|components/panel|entrypoints/sidepanel)/';
/** The panel's renderer: it runs in the panel, so it is of the panel's side (and, like it, never of the background's). */
const OPTIONS = '^(utils/options|components/options|entrypoints/options)/';
const MARKDOWN = '^utils/markdown/';
const PAGE_READER = '^(utils/page/|entrypoints/page-reader[.]ts$)';
const CONTRACT = '^utils/contract/';
/** Helpers of the extension's own pages (panel and options): the DOM, never the background's. */
const PAGES = '^utils/pages/';
/** Used by every side: the contract, and the few cross-side modules at the top of utils/. */
const SHARED = [CONTRACT, '^utils/(i18n|log|settings|host-permission|site-consent|selection-quote|prompt-library)[.]ts$', '^components/theme[.]css$', '^public/_locales/'];
const OURS = '^(utils|components|entrypoints|server|assets|public)/';

/** A side may import itself, what it is allowed to use, and what is shared; nothing else of ours. */
function side(name, from, uses, reportedElsewhere = []) {
  return {
    name: `${name}-shares-only-contract`,
    comment: `${name} code imports code of another side; move what both need into utils/contract/ (types, schemas) or to the side that runs it`,
    severity: 'error',
    from: { path: from },
    to: { path: OURS, pathNot: [from, ...uses, ...SHARED, ...reportedElsewhere].flat() },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'ui-imports-background',
      comment: 'panel, options and markdown code must not import background code (utils/background, utils/history), not even a type: put shared types in utils/contract/',
      severity: 'error',
      from: { path: [PANEL, OPTIONS, MARKDOWN] },
      to: { path: BACKGROUND },
    },
    {
      name: 'panel-imports-endpoint',
      comment: 'the panel never talks to an endpoint: the background does, and tells the panel over the port',
      severity: 'error',
      from: { path: [PANEL, MARKDOWN] },
      to: { path: ENDPOINT },
    },
    side('background', BACKGROUND, [ENDPOINT]),
    side('endpoint', ENDPOINT, []),
    side('panel', [PANEL, MARKDOWN], [PAGES], [BACKGROUND, ENDPOINT]),
    side('options', OPTIONS, [ENDPOINT, PAGES], [BACKGROUND]),
    side('pages', PAGES, []),
    side('shared', SHARED, []),
    {
      name: 'page-reader-imports-more-than-contract',
      comment: 'the page reader is injected into web pages: of ours it may use only utils/contract/ (npm libraries are fine)',
      severity: 'error',
      from: { path: PAGE_READER },
      to: { path: OURS, pathNot: [PAGE_READER, CONTRACT] },
    },
    {
      name: 'contract-imports-more-than-valibot',
      comment: 'utils/contract/ is shared by every side and by server/: it depends on nothing but the schema library',
      severity: 'error',
      from: { path: CONTRACT },
      to: { pathNot: [CONTRACT, '^node_modules/(valibot|@valibot/to-json-schema)/'] },
    },
    {
      name: 'server-imports-more-than-contract',
      comment: 'the reference server shares only the wire contract with the extension',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: OURS, pathNot: ['^server/', CONTRACT] },
    },
    {
      name: 'no-circular',
      comment: 'an import cycle: one of these modules belongs elsewhere, or the shared part into its own module',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing: a rule cannot check what it cannot see',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // Absolute: TypeScript finds no input files from a relative tsconfig name outside the working directory.
    tsConfig: { fileName: `${__dirname}/scripts/lint-imports/tsconfig.json` },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'browser', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
