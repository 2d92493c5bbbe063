/** axe-core, run inside a page of the extension: the serious and critical violations it finds. */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { UiPage } from './driver';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

declare const axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> };

export async function auditAccessibility(page: UiPage, reportPath: string): Promise<Finding[]> {
  await page.addScript(await axeSource);
  const findings = await page.evaluate(async () => {
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  await mkdir(join(reportPath, '..'), { recursive: true });
  await writeFile(reportPath, JSON.stringify(findings, null, 2));
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
