import type { ChatModel } from '@/utils/panel/conversation-model';
import type { ComposerModel } from '@/utils/panel/composer-model';
import type { SlashCommands } from '@/utils/panel/slash-commands';
import type { HistoryModel } from '@/utils/panel/history-model';
import type { EndpointAccess } from '@/utils/panel/endpoint-access';
import { EndpointAccessBanner } from '@/components/panel/EndpointAccessBanner';
import { PageIndicator } from '@/components/panel/PageIndicator';
import type { PageIndicator as Indicator } from '@/utils/panel/page-indicator';
import { Conversation } from '@/components/panel/Conversation';
import { Composer } from '@/components/panel/Composer';
import { ConversationsDialog } from '@/components/panel/ConversationsDialog';
import { EndpointBanner } from '@/components/panel/EndpointBanner';
import { LinkBanner } from '@/components/panel/LinkBanner';
import { PanelHeader } from '@/components/panel/PanelHeader';
import { ReplyAnnouncer } from '@/components/panel/ReplyAnnouncer';
import { useStopOnEscape } from '@/components/panel/useStopOnEscape';

export interface AppProps {
  model: ChatModel;
  composer: ComposerModel;
  slash: SlashCommands;
  history: HistoryModel;
  access: EndpointAccess;
  indicator: Indicator;
  openOptions: () => void;
}

export function App({ model, composer, slash, history, access, indicator, openOptions }: AppProps) {
  useStopOnEscape(model);
  return (
    <main class="panel">
      <PanelHeader model={model} history={history} openOptions={openOptions} />
      <EndpointAccessBanner access={access} />
      <EndpointBanner model={model} />
      <LinkBanner model={model} />
      <ConversationsDialog model={model} history={history} />
      <Conversation model={model} />
      <PageIndicator indicator={indicator} />
      <Composer model={model} composer={composer} slash={slash} />
      <ReplyAnnouncer model={model} />
    </main>
  );
}
