/** Azure errors as values: an ARM error code and message (the az layer prints `(Code) message`). */
export interface AzError {
  code: string;
  message: string;
  /** `arm`: from the service, printed `(Code) msg\nCode: …\nMessage: …`; `cli`: the CLI's own validation. */
  source: 'arm' | 'cli';
}

export type AzResult<T> = { ok: true; value: T } | { ok: false; error: AzError };

export const ok = <T>(value: T): AzResult<T> => ({ ok: true, value });
export const armError = (code: string, message: string): { ok: false; error: AzError } => ({ ok: false, error: { code, message, source: 'arm' } });
export const cliError = (message: string): { ok: false; error: AzError } => ({ ok: false, error: { code: 'ValidationError', message, source: 'cli' } });

export function resourceGroupNotFound(rg: string) {
  return armError('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
}

export function resourceNotFound(type: string, name: string, rg: string) {
  return armError('ResourceNotFound', `The Resource '${type}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

export function clusterStopped(op: string) {
  return armError('OperationNotAllowed', `Operation is not allowed because the managed cluster is in stopped state. Please start the managed cluster before performing ${op}.`);
}

export function operationInProgress(cluster: string, state: string) {
  return armError(
    'OperationNotAllowed',
    `Operation is not allowed because there's an in progress ${state.toLowerCase()} operation on managed cluster '${cluster}'. Please wait for the operation to complete before trying again.`,
  );
}
