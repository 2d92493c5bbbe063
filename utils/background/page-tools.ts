/** What a reply may do with the page the panel belongs to: the functions it offers, and "Share this page". */
import { openPage, PageAccessError, readShareContext } from './functions/page-access';
import { shareFailedView, sharedContextView } from './functions/call-views';
import { FUNCTION_DECLARATIONS } from '../contract/page-functions';
import { runPageCall } from './functions/run-call';
import type { FunctionRunner } from './function-rounds';
import type { CallView } from '../contract/port-messages';
import type { FunctionDeclaration, PageContext } from '../contract/sidechat-wire';

export interface PageTools {
  declarations: FunctionDeclaration[];
  runner(windowId: number, report: (view: CallView) => void): FunctionRunner;
  /** The light context of the page, or undefined (with a note to the user) when it can't be read. */
  shareContext(windowId: number, report: (view: CallView) => void): Promise<PageContext | undefined>;
}

export const pageTools: PageTools = {
  declarations: FUNCTION_DECLARATIONS,
  runner: (windowId, report) => ({
    declarations: FUNCTION_DECLARATIONS,
    run: (call, signal) => runPageCall(call, { windowId, signal, report }),
  }),
  async shareContext(windowId, report) {
    try {
      const context = await readShareContext(await openPage(windowId));
      report(sharedContextView(context));
      return context;
    } catch (error) {
      report(shareFailedView(error instanceof PageAccessError ? error.message : String(error)));
      return undefined;
    }
  },
};
