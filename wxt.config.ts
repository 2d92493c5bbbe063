import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The first prompt that uses {{selection}}, run on the page's selection (the keystroke grants activeTab).
const selectionPromptCommand = { 'run-selection-prompt': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_commandRunSelectionPrompt__' } };

export default defineConfig({
  // Sidechat ships MV3 to both browsers. WXT builds Firefox as MV2 unless told otherwise, and that
  // build loads but never reaches the endpoint; fixed here so every command (dev, build, zip) agrees.
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every dependency is an explicit import, so lint:imports sees all of them.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // `npm run dev` opens Chromium through web-ext; as root (containers, CI machines) Chromium
  // refuses to start unless its sandbox is off, as in scripts/start.mjs.
  webExt: { chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab + scripting: read the page the user clicked Sidechat on, only then; contextMenus: the selection entry;
    // declarativeNetRequestWithHostAccess: remove the Origin of the extension's own requests to an
    // OpenAI-compatible endpoint (a stock Ollama refuses extension origins), only where host access is granted.
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'declarativeNetRequestWithHostAccess'],
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // Endpoints elsewhere: asked for, per origin, when the user saves one in Options.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    // Only the extension's own scripts run in its pages; no plugins, no <base> or form hijacking.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    },
    ...(browser === 'firefox'
      ? {
          commands: { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_commandToggle__' }, ...selectionPromptCommand },
          browser_specific_settings: {
            gecko: {
              id: 'sidechat@sidechat.dev',
              // 140 (an ESR) is the first to read data_collection_permissions; see docs/configuration.md.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // With an action.onClicked listener, the shortcut fires it like a toolbar click.
          commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_commandToggle__' }, ...selectionPromptCommand },
          minimum_chrome_version: '123',
        }),
  }),
});
