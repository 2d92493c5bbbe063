import type { Usage } from '@/utils/contract/sidechat-wire';
import { t } from '@/utils/i18n';

const numberFormat = new Intl.NumberFormat('en-US');

function formatUsage(usage: Usage): string {
  // The model that answered first: with an OpenAI-compatible endpoint it may differ from the one asked for.
  const parts: string[] = usage.model ? [usage.model] : [];
  if (usage.totalTokens !== undefined) parts.push(t('usageTokens', numberFormat.format(usage.totalTokens)));
  if (usage.promptTokens !== undefined && usage.completionTokens !== undefined) {
    parts.push(t('usageInOut', numberFormat.format(usage.promptTokens), numberFormat.format(usage.completionTokens)));
  }
  if (usage.cost !== undefined) parts.push(`$${usage.cost.toFixed(usage.cost < 0.01 ? 6 : 4)}`);
  return parts.join(' · ');
}

export function UsageLine({ usage }: { usage: Usage }) {
  const text = formatUsage(usage);
  return text ? <div class="usage">{text}</div> : null;
}
