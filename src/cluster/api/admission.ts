/**
 * Admission plugins: mutating ones change the object on its way in (defaults,
 * service account, default tolerations), validating ones may reject it
 * (namespace lifecycle, quota). Each returns a Status to reject.
 */
import type { ResourceDef, StrategyContext } from './resource.js';
import type { KObject, Status, UserInfo } from './types.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: Operation;
  def: ResourceDef;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** The object being written: a private draft mutating plugins may change. */
  object?: KObject;
  old?: KObject;
  user: UserInfo;
  dryRun: boolean;
  ctx: StrategyContext;
}

export interface AdmissionPlugin {
  name: string;
  /** Mutating phase. */
  admit?(a: AdmissionAttributes): Status | undefined;
  /** Validating phase (after schema validation). */
  validate?(a: AdmissionAttributes): Status | undefined;
  /**
   * After the write was stored (not for dry runs): bookkeeping the API server
   * does itself, such as a ResourceQuota's status.used. `stored` is the
   * object as stored, or the last state of a removed one.
   */
  after?(a: AdmissionAttributes, stored: KObject): void;
}
