import { useEffect } from 'preact/hooks';
import type { ChatModel } from '@/utils/panel/conversation-model';

/** Esc stops the running reply from anywhere in the panel, as in most chat apps. */
export function useStopOnEscape(model: ChatModel): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && model.activeReply.value) {
        event.preventDefault();
        model.stop();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [model]);
}
