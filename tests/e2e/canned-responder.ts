/** A responder for scenarios: a fixed reply per message, cut at random points into pieces. */
import type { Responder } from '../../server/app';
import { randomCuts, seededRandom } from '../fixtures/random';

/** `replyFor` returns the reply text for a message; the cuts depend on `seed` and the message. */
export function cannedResponder(replyFor: (message: string) => string, seed = 1): Responder {
  return {
    async *reply({ message, signal }) {
      const random = seededRandom(seed + [...message].reduce((sum, c) => sum + c.charCodeAt(0), 0));
      for (const piece of randomCuts(replyFor(message), random, 10)) {
        if (signal.aborted) return;
        yield piece;
      }
    },
  };
}
