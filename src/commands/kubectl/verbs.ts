/**
 * Every kubectl verb, in the order kubectl registers them (which is also the
 * order of its `Did you mean this?` suggestions and of `kubectl --help`).
 */
import type { Verb } from './verb.js';
import { getVerb } from './get.js';
import { applyVerb } from './apply/index.js';
import { deleteVerb } from './delete.js';
import { createVerb } from './create/index.js';
import { UNAVAILABLE as U } from './unavailable.js';
import { runVerb } from './run.js';
import { setVerb } from './set/index.js';
import { exposeVerb } from './expose.js';
import { logsVerb } from './logs.js';
import { execVerb } from './exec.js';
import { waitVerb } from './wait.js';
import { cordonVerb, uncordonVerb } from './node-cordon.js';
import { drainVerb } from './drain.js';
import { taintVerb } from './taint.js';
import { authVerb } from './auth.js';
import { configVerb } from './config.js';
import { clusterInfoVerb, versionVerb } from './version.js';
import { patchVerb } from './patch.js';
import { annotateVerb, labelVerb } from './label.js';
import { scaleVerb } from './scale.js';
import { rolloutVerb } from './rollout/index.js';
import { replaceVerb } from './replace.js';
import { autoscaleVerb } from './autoscale.js';
import { diffVerb } from './diff.js';
import { editVerb } from './edit.js';
import { topVerb } from './top.js';
import { describeVerb } from './describe/index.js';
import { apiResourcesVerb, apiVersionsVerb } from './api-resources.js';
import { explainVerb } from './explain.js';
import { portForwardVerb } from './port-forward.js';

export const VERBS: Verb[] = [
  // Basic Commands (Beginner)
  createVerb,
  exposeVerb,
  runVerb,
  setVerb,
  // Basic Commands (Intermediate)
  explainVerb,
  getVerb,
  editVerb,
  deleteVerb,
  // Deploy Commands
  rolloutVerb,
  scaleVerb,
  autoscaleVerb,
  // Cluster Management Commands
  U.certificate,
  clusterInfoVerb,
  topVerb,
  cordonVerb,
  uncordonVerb,
  drainVerb,
  taintVerb,
  // Troubleshooting and Debugging Commands: describe, logs
  describeVerb,
  logsVerb,
  U.attach,
  execVerb,
  portForwardVerb,
  U.proxy,
  U.cp,
  authVerb,
  U.debug,
  // events
  // Advanced Commands
  diffVerb,
  applyVerb,
  patchVerb,
  replaceVerb,
  waitVerb,
  U.kustomize,
  // Settings Commands
  labelVerb,
  annotateVerb,
  U.completion,
  // Other
  configVerb,
  U.plugin,
  versionVerb,
  apiVersionsVerb,
  apiResourcesVerb,
];
