import type { ChatMessage } from '@/utils/panel/message-model';
import type { ConsentDecision } from '@/utils/contract/port-messages';
import { FunctionCallView } from './FunctionCallView';
import './calls.css';

export type ConsentHandler = (replyId: string, callId: string, decision: ConsentDecision) => void;

export function FunctionCalls({ message, onConsent }: { message: ChatMessage; onConsent: ConsentHandler }) {
  const calls = message.calls.value;
  if (calls.length === 0) return null;
  return (
    <div class="calls">
      {calls.map((call) => (
        <FunctionCallView key={call.id} call={call} onAnswer={(decision) => onConsent(message.id, call.id, decision)} />
      ))}
    </div>
  );
}
