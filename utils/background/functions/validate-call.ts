/** A call the model made, checked against the contract, with what is wrong in words for the model (and the user). */
import { t } from '../../i18n';
import type { FunctionCall } from '../../contract/sidechat-wire';
import { checkCall, type CallProblem, type ValidCall } from '../../contract/page-functions';

export function validateCall(call: FunctionCall): { ok: true; call: ValidCall } | { ok: false; error: string } {
  const checked = checkCall(call);
  return checked.ok ? checked : { ok: false, error: describeProblem(checked.problem) };
}

function describeProblem(problem: CallProblem): string {
  if (problem.kind === 'unknown-function') return t('callUnknownFunction', problem.name, problem.offered.join(', '));
  return t('callInvalidArguments', problem.name, problem.issues.map(({ path, message }) => `${path}: ${message}`).join('; '));
}
