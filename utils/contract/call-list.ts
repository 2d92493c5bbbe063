import type { CallView } from './port-messages';

/** The list with `view` replacing the call of the same id, or added at the end. */
export function upsertCall(calls: readonly CallView[], view: CallView): CallView[] {
  return calls.some((c) => c.id === view.id) ? calls.map((c) => (c.id === view.id ? view : c)) : [...calls, view];
}
