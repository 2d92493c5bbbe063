/** Fills Sidechat's options page as a user would and saves: how the benchmarks point it at their endpoint. */
import type { Page } from 'playwright-core';
import { playwrightUiPage } from '../tests/e2e/chromium-driver';

/** `page` goes to the options page and stays there; `fields` are by label. */
export async function saveOptions(page: Page, extensionId: string, fields: Record<string, string>): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const ui = playwrightUiPage(page);
  for (const [label, value] of Object.entries(fields)) await ui.fillByLabel(label, value);
  await ui.clickButton('Save');
  await page.getByText('Saved.', { exact: true }).waitFor();
}
