import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { cruiseImports, reportViolations, unseenImports } from '../../scripts/lint-imports/lint.mjs';

const planted = fileURLToPath(new URL('../fixtures/import-boundaries/', import.meta.url));

describe('lint:imports', () => {
  it('fails on a type-only @/ import of background code from the panel, an import cycle, words in the contract and more than the contract in the page reader', async () => {
    const result = await cruiseImports({ sources: ['utils'], baseDir: planted, tsConfigFile: `${planted}tsconfig.json` });
    expect(unseenImports(result, [{ from: 'utils/panel/type-leak.ts', to: 'utils/background/hub.ts', typeOnly: true }])).toEqual([]);
    const violations = result.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`).sort();
    expect(violations).toEqual([
      'contract-imports-more-than-valibot: utils/contract/words.ts → utils/i18n.ts',
      'no-circular: utils/panel/ring-a.ts → utils/panel/ring-b.ts',
      'page-reader-imports-more-than-contract: utils/page/reader.ts → utils/i18n.ts',
      'ui-imports-background: utils/panel/type-leak.ts → utils/background/hub.ts',
    ]);
    expect((await reportViolations(result)).exitCode).not.toBe(0);
  }, 60_000);
});
