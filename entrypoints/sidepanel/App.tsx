import type { ChatModel } from '@/utils/chat-model';
import { Conversation } from '@/components/Conversation';
import { Composer } from '@/components/Composer';
import { EndpointBanner } from '@/components/EndpointBanner';
import { PanelHeader } from '@/components/PanelHeader';
import { ReplyAnnouncer } from '@/components/ReplyAnnouncer';
import { useStopOnEscape } from '@/components/useStopOnEscape';

export function App({ model }: { model: ChatModel }) {
  useStopOnEscape(model);
  return (
    <main class="panel">
      <PanelHeader />
      <EndpointBanner model={model} />
      <Conversation model={model} />
      <Composer model={model} />
      <ReplyAnnouncer model={model} />
    </main>
  );
}
