/** `kubectl api-resources` and `kubectl api-versions`, from the same registry discovery serves. */
import type { Verb } from './verb.js';
import { ALL_VERBS, apiVersionOf, type ResourceDef } from '../../cluster/api/resource.js';
import { tabulate } from '../tabwriter.js';

function verbsOf(def: ResourceDef): string[] {
  return [...(def.verbs ?? ALL_VERBS)].sort();
}

export const apiResourcesVerb: Verb = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'namespaced', type: 'bool' },
    { name: 'api-group', type: 'string' },
    { name: 'verbs', type: 'strings' },
    { name: 'categories', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool', ignored: true },
  ],
  run(env) {
    const { ctx, cluster, flags, set } = env;
    const output = (flags.output as string | undefined) ?? '';
    if (!['', 'wide', 'name'].includes(output)) {
      ctx.err(`error: --output ${output} is not available`);
      return 1;
    }
    const sortBy = flags['sort-by'] as string | undefined;
    if (sortBy !== undefined && sortBy !== 'name' && sortBy !== 'kind') {
      ctx.err(`error: --sort-by accepts only name or kind`);
      return 1;
    }
    let defs = [...cluster.registry.all()];
    if (set.has('namespaced')) defs = defs.filter((d) => d.namespaced === flags.namespaced);
    if (set.has('api-group')) defs = defs.filter((d) => d.group === flags['api-group']);
    const verbs = (flags.verbs as string[] | undefined) ?? [];
    if (verbs.length) defs = defs.filter((d) => verbs.every((v) => verbsOf(d).includes(v)));
    const cats = (flags.categories as string[] | undefined) ?? [];
    if (cats.length) defs = defs.filter((d) => cats.every((c) => d.categories?.includes(c)));
    const key = (d: ResourceDef) => (sortBy === 'kind' ? d.kind : sortBy === 'name' ? d.plural : '');
    defs = [...defs].sort((a, b) => {
      if (!sortBy && a.group !== b.group) return a.group < b.group ? -1 : 1;
      const ka = key(a) || a.plural;
      const kb = key(b) || b.plural;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    if (output === 'name') {
      ctx.out(defs.map((d) => (d.group ? `${d.plural}.${d.group}` : d.plural)).join('\n'));
      return 0;
    }
    const wide = output === 'wide';
    const rows: string[][] = [];
    if (!flags['no-headers']) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const d of defs) {
      rows.push([d.plural, (d.shortNames ?? []).join(','), apiVersionOf(d), String(d.namespaced), d.kind, ...(wide ? [verbsOf(d).join(','), (d.categories ?? []).join(',')] : [])]);
    }
    ctx.out(tabulate(rows));
    return 0;
  },
};

export const apiVersionsVerb: Verb = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  usage: 'kubectl api-versions [flags] [options]',
  flags: [],
  run(env) {
    env.ctx.out(env.cluster.registry.apiVersions().join('\n'));
    return 0;
  },
};
