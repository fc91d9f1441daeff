/** `kubectl delete TYPE NAME...` and `-f` (the foundation's minimal form). */
import type { Verb } from './verb.js';
import { readManifests } from './manifests.js';
import { serverError } from './output.js';

export const deleteVerb: Verb = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'ignore-not-found', type: 'bool' },
  ],
  run(env) {
    const { ctx, cluster, client, args, flags } = env;
    const targets: { type: string; name: string; ns?: string }[] = [];
    const files = (flags.filename as string[] | undefined) ?? [];
    if (files.length > 0) {
      const read = readManifests(ctx, files);
      if (!read.ok) {
        ctx.err(read.error);
        return 1;
      }
      for (const { object } of read.items) {
        const def = cluster.registry.forKind(String(object.apiVersion), String(object.kind));
        if (def) targets.push({ type: def.group ? `${def.plural}.${def.group}` : def.plural, name: object.metadata?.name ?? '', ns: object.metadata?.namespace });
      }
    } else {
      if (args.length === 0) {
        ctx.err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        return 1;
      }
      let type = args[0]!;
      let names = args.slice(1);
      if (type.includes('/')) {
        const pairs = args.map((a) => a.split('/', 2) as [string, string]);
        for (const [t, n] of pairs) targets.push({ type: t, name: n });
        type = '';
        names = [];
      }
      if (type) {
        if (names.length === 0) {
          ctx.err('error: resource(s) were provided, but no name was specified');
          return 1;
        }
        for (const n of names) targets.push({ type, name: n });
      }
    }
    let code = 0;
    for (const t of targets) {
      const def = cluster.registry.resolve(t.type);
      if (!def) {
        ctx.err(`error: the server doesn't have a resource type "${t.type}"`);
        code = 1;
        continue;
      }
      const gr = def.group ? `${def.plural}.${def.group}` : def.plural;
      const ns = def.namespaced ? (t.ns ?? env.namespace) : undefined;
      const r = client.delete(gr, ns, t.name, { propagationPolicy: 'Background' });
      if (r.ok) ctx.out(`${def.group ? `${def.singular}.${def.group}` : def.singular} "${t.name}" deleted`);
      else if (!(r.status.reason === 'NotFound' && flags['ignore-not-found'])) {
        ctx.err(serverError(r.status));
        code = 1;
      }
    }
    return code;
  },
};
