import { browser } from 'wxt/browser';
import { ShortcutsHelp } from './ShortcutsHelp';
import type { ChatModel } from '@/utils/panel/conversation-model';
import type { HistoryModel } from '@/utils/panel/history-model';
import { t } from '@/utils/i18n';

export function PanelHeader({ model, history }: { model: ChatModel; history: HistoryModel }) {
  const conversationId = model.conversationId.value;
  return (
    <header class="panel-header">
      <h1>Sidechat</h1>
      <div class="header-actions">
        <button type="button" class="link" onClick={model.listConversations} aria-expanded={model.conversations.value !== undefined}>
          {t('panelHistory')}
        </button>
        <button type="button" class="link" onClick={model.newChat} disabled={model.activeReply.value !== undefined}>
          {t('panelNewChat')}
        </button>
        <button type="button" class="link" title={t('panelExportHint')} disabled={!conversationId} onClick={() => conversationId && history.exportConversation(conversationId)}>
          {t('panelExport')}
        </button>
        <ShortcutsHelp />
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('panelOptions')}
        </button>
      </div>
    </header>
  );
}
