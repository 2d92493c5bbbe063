import type { ChatModel } from '@/utils/panel/conversation-model';
import { ConversationList } from './ConversationList';

/** The saved conversations, over the chat while the user picks one. */
export function ConversationsDialog({ model }: { model: ChatModel }) {
  const shown = model.conversations.value;
  if (!shown) return null;
  const open = (id: string) => {
    model.openConversation(id);
    model.closeConversations();
  };
  return (
    <ConversationList
      conversations={shown}
      currentId={model.conversationId.value}
      onOpen={open}
      onDelete={model.deleteConversation}
      onClearAll={() => {
        model.clearHistory();
        model.closeConversations();
      }}
      onClose={model.closeConversations}
    />
  );
}
