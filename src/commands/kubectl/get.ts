/** `kubectl get`: server-side Tables printed as kubectl prints them, or objects as yaml/json/name. */
import type { Verb } from './index.js';
import { apiVersionOf, type ResourceDef } from '../../cluster/api/resource.js';
import type { Table } from '../../cluster/api/table.js';
import type { KList, KObject } from '../../cluster/api/types.js';
import { forDisplay, renderRows, serverError, tableText, toJson, toYaml } from './output.js';

export const getVerb: Verb = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
  ],
  run(env) {
    const { ctx, cluster, client, flags, args } = env;
    if (args.length === 0) {
      ctx.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
      return 1;
    }
    let typeArg = args[0]!;
    let names = args.slice(1);
    if (typeArg.includes('/')) {
      const [t, n] = typeArg.split('/', 2) as [string, string];
      typeArg = t;
      names = [n, ...names];
    }
    const def = cluster.registry.resolve(typeArg);
    if (!def) {
      ctx.err(`error: the server doesn't have a resource type "${typeArg}"`);
      return 1;
    }
    const allNs = !!flags['all-namespaces'];
    const ns = def.namespaced ? (allNs ? undefined : env.namespace) : undefined;
    const output = flags.output as string | undefined;
    const gr = def.group ? `${def.plural}.${def.group}` : def.plural;
    const options = { labelSelector: flags.selector as string | undefined, fieldSelector: flags['field-selector'] as string | undefined };
    let objects: KObject[] = [];
    let failed = false;
    if (names.length > 0) {
      for (const n of names) {
        const r = client.get(gr, ns ?? env.namespace, n);
        if (r.ok) objects.push(r.object);
        else {
          ctx.err(serverError(r.status));
          failed = true;
        }
      }
    } else {
      const r = client.list(gr, ns, options);
      if (!r.ok) {
        ctx.err(serverError(r.status));
        return 1;
      }
      objects = r.object.items.map((o) => ({ apiVersion: apiVersionOf(def), kind: def.kind, ...o }));
    }
    if (output === 'yaml' || output === 'json') {
      const shown = objects.map(forDisplay);
      const doc = names.length === 1 && shown.length === 1 ? shown[0] : { apiVersion: 'v1', items: shown, kind: 'List', metadata: { resourceVersion: '' } };
      if (doc) ctx.out((output === 'yaml' ? toYaml(doc) : toJson(doc)).replace(/\n$/, ''));
      return failed ? 1 : 0;
    }
    if (output === 'name') {
      const prefix = def.group ? `${def.singular}.${def.group}` : def.singular;
      for (const o of objects) ctx.out(`${prefix}/${o.metadata?.name ?? ''}`);
      return failed ? 1 : 0;
    }
    if (output !== undefined && output !== 'wide') {
      ctx.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
      return 1;
    }
    if (objects.length === 0) {
      if (!failed) ctx.err(def.namespaced && !allNs ? `No resources found in ${env.namespace} namespace.` : 'No resources found');
      return failed ? 1 : 0;
    }
    const table: Table = cluster.api.table(def, objects);
    ctx.out(renderRows(tableText(table, { wide: output === 'wide', noHeaders: !!flags['no-headers'], namespaceColumn: allNs && def.namespaced })));
    return failed ? 1 : 0;
  },
};

export type { ResourceDef, KList };
