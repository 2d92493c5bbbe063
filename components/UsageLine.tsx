import type { Usage } from '@/utils/protocol';

const numberFormat = new Intl.NumberFormat('en-US');

export function formatUsage(usage: Usage): string {
  const parts: string[] = [];
  if (usage.totalTokens !== undefined) parts.push(`${numberFormat.format(usage.totalTokens)} tokens`);
  if (usage.promptTokens !== undefined && usage.completionTokens !== undefined) {
    parts.push(`${numberFormat.format(usage.promptTokens)} in / ${numberFormat.format(usage.completionTokens)} out`);
  }
  if (usage.cost !== undefined) parts.push(`$${usage.cost.toFixed(usage.cost < 0.01 ? 6 : 4)}`);
  return parts.join(' · ');
}

export function UsageLine({ usage }: { usage: Usage }) {
  const text = formatUsage(usage);
  return text ? <div class="usage">{text}</div> : null;
}
