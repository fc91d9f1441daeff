/** What one autoscaler loop saw and decided: the facts `why cluster-autoscaler` explains. */
import type { Option } from './expander.js';
import type { Settings } from './profile.js';
import type { NodeCheck } from './scale-down.js';

export interface Decision {
  time: number;
  settings: Settings;
  /** Pods the scheduler marked Unschedulable (namespace/name) and the reasons it gave. */
  pending: string[];
  pendingReasons: string[];
  /** Of those, how many fit on existing or upcoming nodes. */
  schedulable: number;
  templates?: { pool: string; vmSize: string; cpu: number; memory: number; target: number; max: number; upcoming: number }[];
  options: Option[];
  choice?: { pool: string; group: string; from: number; to: number; max: number; reason: string; pods: string[]; error?: string };
  notTriggered: { pod: string; message: string }[];
  minEnforced?: string;
  checks: NodeCheck[];
  /** Unneeded nodes → for how long (ms). */
  unneededFor: Map<string, number>;
  cooldown?: string;
  removed?: string[];
  deleting: string[];
}
