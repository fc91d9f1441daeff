/**
 * What the API server knows about one resource type: names for discovery and
 * kubectl, where it is stored, and the hooks of its strategy (defaults,
 * validation, field selectors, the Table printer). One registry holds them all;
 * discovery, kubectl and serve mode read the same data.
 */
import type { FieldError } from './status.js';
import type { KObject, Status, UserInfo } from './types.js';
import type { Table } from './table.js';

export interface StrategyContext {
  /** Simulated now, in ms. */
  now: number;
  user: UserInfo;
  /** Read another object through the store (admission plugins need this). */
  lookup(resource: string, group: string, namespace: string | undefined, name: string): KObject | undefined;
  list(resource: string, group: string, namespace: string | undefined): KObject[];
}

export interface PrintOptions {
  wide: boolean;
  now: number;
}

/** A kind served over another kind's stored objects (events.k8s.io/v1 Event over core/v1 Event). */
export interface ResourceView {
  /** The stored kind. */
  group: string;
  plural: string;
  fromStorage(o: KObject): KObject;
  toStorage(o: KObject): KObject;
  /** Checks of this version's shape on create (before conversion). */
  validateCreate?(o: KObject): FieldError[];
}

export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  /** `pods`, `deployments`. */
  plural: string;
  singular: string;
  shortNames?: string[];
  namespaced: boolean;
  /** `all` puts it in `kubectl get all`. */
  categories?: string[];
  verbs?: string[];
  subresources?: string[];
  /** etcd key prefix; defaults to `/registry/<plural>` (`/registry/<group>/<plural>` for CRs). */
  storagePrefix?: string;
  /** Spec/status split: generation bumps only on spec changes; status is set through /status. */
  statusSubresource?: boolean;
  /**
   * Decoding the request body into the kind (before admission): returns the
   * decoder's error text for a 400 (`illegal base64 data at input byte 4`), and
   * may normalise write-only fields (a Secret's stringData).
   */
  decode?(obj: KObject): string | undefined;
  /** Mutating admission: fill in upstream defaults on create and update (mutates the draft). */
  defaults?(obj: KObject, ctx: StrategyContext, old?: KObject): void;
  /** Validation with upstream field paths; `old` is set on update. */
  validate?(obj: KObject, ctx: StrategyContext, old?: KObject): FieldError[];
  /** Field selector values beyond metadata.name / metadata.namespace. */
  fieldValue?(obj: KObject, field: string): string | undefined;
  /** Fields that may be selected (others are rejected as upstream: `field label not supported`). */
  selectableFields?: string[];
  /** Server-side Table printer (columns as kubectl shows them). */
  print?(objs: KObject[], opts: PrintOptions): Table;
  /** The /scale subresource: where replicas and the selector live. */
  scale?: { specReplicas: string; statusReplicas: string; labelSelector?: string };
  /** Served as a conversion of another stored kind. */
  view?: ResourceView;
  /** Custom resources carry their CRD's structural schema. */
  schema?: unknown;
  /** Served by an aggregated API server (an APIService), not from the store: read-only. */
  aggregated?: AggregatedBackend;
}

/**
 * An extension API server behind the aggregation layer (metrics-server behind
 * `v1beta1.metrics.k8s.io`). The API server authenticates and authorizes as
 * usual, then asks the backend for the objects and applies name, selectors and
 * Table conversion itself. Its kinds are in the registry only while the
 * APIService is available.
 */
export interface AggregatedBackend {
  /** The APIService name: `v1beta1.metrics.k8s.io`. */
  apiService: string;
  /** The objects it serves now (in one namespace, or all); a Status when it can't answer. */
  objects(namespace: string | undefined): KObject[] | Status;
  /** The backend's own NotFound for a name it has no object for. */
  notFound?(namespace: string | undefined, name: string): Status;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function storagePrefixOf(def: ResourceDef): string {
  return def.storagePrefix ?? `/registry/${def.plural}`;
}
