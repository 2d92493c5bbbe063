import type { ChatModel } from '@/utils/panel/conversation-model';
import type { ComposerModel } from '@/utils/panel/composer-model';
import { Conversation } from '@/components/panel/Conversation';
import { Composer } from '@/components/panel/Composer';
import { ConversationsDialog } from '@/components/panel/ConversationsDialog';
import { EndpointBanner } from '@/components/panel/EndpointBanner';
import { LinkBanner } from '@/components/panel/LinkBanner';
import { PanelHeader } from '@/components/panel/PanelHeader';
import { ReplyAnnouncer } from '@/components/panel/ReplyAnnouncer';
import { useStopOnEscape } from '@/components/panel/useStopOnEscape';

export function App({ model, composer, openOptions }: { model: ChatModel; composer: ComposerModel; openOptions: () => void }) {
  useStopOnEscape(model);
  return (
    <main class="panel">
      <PanelHeader model={model} openOptions={openOptions} />
      <EndpointBanner model={model} />
      <LinkBanner model={model} />
      <ConversationsDialog model={model} />
      <Conversation model={model} />
      <Composer model={model} composer={composer} />
      <ReplyAnnouncer model={model} />
    </main>
  );
}
