import type { ChatModel } from '@/utils/panel/conversation-model';
import type { HistoryModel } from '@/utils/panel/history-model';
import { ConversationList } from './ConversationList';

/** The saved conversations, over the chat while the user picks one. */
export function ConversationsDialog({ model, history }: { model: ChatModel; history: HistoryModel }) {
  const shown = model.conversations.value;
  if (!shown) return null;
  const close = () => {
    history.reset();
    model.closeConversations();
  };
  const open = (id: string) => {
    model.openConversation(id);
    close();
  };
  return (
    <ConversationList
      conversations={shown}
      currentId={model.conversationId.value}
      query={history.query.value}
      results={history.results.value}
      total={history.total.value}
      onQuery={history.setQuery}
      onOpen={open}
      onDelete={(id) => {
        model.deleteConversation(id);
        // The list that comes back is the whole one; a search's answer is asked for again.
        if (history.query.value.trim()) history.setQuery(history.query.value);
      }}
      onPin={history.pin}
      onRename={history.rename}
      onClearAll={() => {
        model.clearHistory();
        close();
      }}
      onClose={close}
    />
  );
}
