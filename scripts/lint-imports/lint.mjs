/**
 * The boundaries between the sides the code runs on, as written in .dependency-cruiser.cjs,
 * checked by dependency-cruiser parsing with TypeScript 5 (typescript5.mjs, imported first).
 */
import './typescript5.mjs';

const { cruise, format } = await import('dependency-cruiser');
const { default: extractDepcruiseOptions } = await import('dependency-cruiser/config-utl/extract-depcruise-options');
const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * The cruise of `sources` (folders relative to `baseDir`) against the rules. Tests pass a tree of
 * their own as `baseDir`, with a tsconfig mapping its `@/`.
 */
export async function cruiseImports({ sources = ['entrypoints', 'components', 'utils', 'server'], baseDir = ROOT, tsConfigFile } = {}) {
  const options = await extractDepcruiseOptions(`${ROOT}.dependency-cruiser.cjs`);
  const tsConfigFileName = tsConfigFile ?? options.tsConfig.fileName;
  const { output } = await cruise(sources, { ...options, baseDir, tsConfig: { fileName: tsConfigFileName } }, {}, { tsConfig: extractTSConfig(tsConfigFileName) });
  return output;
}

/** The violations, one line each, and the exit code: 0 when none. */
export async function reportViolations(result) {
  const { output, exitCode } = await format(result, { outputType: 'err' });
  return { text: output, exitCode };
}

/** Which of `imports` the cruise did not see (as type-only when `typeOnly`, as a value import otherwise). */
export function unseenImports(result, imports) {
  return imports.filter(({ from, to, typeOnly }) => {
    const dependency = result.modules.find((module) => module.source === from)?.dependencies.find((d) => d.resolved === to);
    return !dependency || dependency.dependencyTypes.includes('type-only') !== typeOnly;
  });
}
