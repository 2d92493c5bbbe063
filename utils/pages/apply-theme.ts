/** Options' Theme setting, applied to an extension page; the CSS follows the system for "system". */
import type { Theme } from '../settings';

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
