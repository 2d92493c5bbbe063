/**
 * `npm run lint:imports`. A setup that parses nothing passes every rule, so this first makes sure
 * it saw imports it must see; then it prints the violations and fails on any.
 */
import { cruiseImports, reportViolations, unseenImports } from './lint.mjs';

/** Both through `@/`, one type-only: seen only when TypeScript is parsed and `@/` resolved. */
const KNOWN_IMPORTS = [
  { from: 'entrypoints/background.ts', to: 'utils/background/hub.ts', typeOnly: false },
  { from: 'components/panel/PanelHeader.tsx', to: 'utils/panel/conversation-model.ts', typeOnly: true },
];

const result = await cruiseImports();
const unseen = unseenImports(result, KNOWN_IMPORTS);
if (unseen.length > 0) {
  const list = unseen.map(({ from, to, typeOnly }) => `  ${from} → ${to}${typeOnly ? ' (type-only)' : ''}`).join('\n');
  console.error(`lint:imports cannot see imports it must see, so it would check nothing:\n${list}\n(is typescript5 installed? does scripts/lint-imports/tsconfig.json map @/?)`);
  process.exit(2);
}
const { text, exitCode } = await reportViolations(result);
process.stdout.write(text);
process.exitCode = exitCode;
