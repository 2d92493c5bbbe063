/** Types for lint.mjs, for the unit test that runs it on a planted tree. */
export interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}
export function cruiseImports(options?: { sources?: string[]; baseDir?: string; tsConfigFile?: string }): Promise<CruiseResult>;
export function reportViolations(result: CruiseResult): Promise<{ text: string; exitCode: number }>;
export function unseenImports<T extends { from: string; to: string; typeOnly: boolean }>(result: CruiseResult, imports: T[]): T[];
