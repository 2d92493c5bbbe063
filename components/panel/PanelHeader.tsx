import { ShortcutsHelp } from './ShortcutsHelp';
import type { ChatModel } from '@/utils/panel/conversation-model';
import { t } from '@/utils/i18n';

/** `openOptions` opens the extension's options page (the entrypoint wires it to the browser). */
export function PanelHeader({ model, openOptions }: { model: ChatModel; openOptions: () => void }) {
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
        <ShortcutsHelp />
        <button type="button" class="link" onClick={openOptions}>
          {t('panelOptions')}
        </button>
      </div>
    </header>
  );
}
