import type { ChatModel } from '@/utils/chat-model';
import type { ComposerModel } from '@/utils/composer-model';
import { Conversation } from '@/components/Conversation';
import { Composer } from '@/components/Composer';
import { ConversationsDialog } from '@/components/ConversationsDialog';
import { EndpointBanner } from '@/components/EndpointBanner';
import { LinkBanner } from '@/components/LinkBanner';
import { PanelHeader } from '@/components/PanelHeader';
import { ReplyAnnouncer } from '@/components/ReplyAnnouncer';
import { useStopOnEscape } from '@/components/useStopOnEscape';

export function App({ model, composer }: { model: ChatModel; composer: ComposerModel }) {
  useStopOnEscape(model);
  return (
    <main class="panel">
      <PanelHeader model={model} />
      <EndpointBanner model={model} />
      <LinkBanner model={model} />
      <ConversationsDialog model={model} />
      <Conversation model={model} />
      <Composer model={model} composer={composer} />
      <ReplyAnnouncer model={model} />
    </main>
  );
}
