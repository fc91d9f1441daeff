/** The admission chain, in upstream's order for the plugins kubedojo emulates. */
import type { ApiServer } from '../server.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { serviceAccount } from './service-account.js';
import { defaultTolerationSeconds } from './default-toleration-seconds.js';
import { priority } from './priority.js';

export function installAdmission(api: ApiServer): void {
  api.admission.push(namespaceLifecycle(), serviceAccount(), defaultTolerationSeconds(), priority());
}
