/**
 * `kubectl edit (RESOURCE/NAME | -f FILENAME)`. Inside the TUI there is no
 * terminal to hand to an editor, so it says so and suggests patch/apply.
 * Elsewhere it writes the object as YAML to a temp file, runs $KUBE_EDITOR /
 * $EDITOR on it synchronously, and sends the difference as a patch.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Verb } from './verb.js';
import type { KObject } from '../../cluster/api/types.js';
import { resolveRefs } from './refs.js';
import { serverError } from './output.js';
import { toGoYaml } from './output/yaml.js';
import { threeWayPatch } from './apply/three-way.js';
import { kindLabel } from './print-object.js';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n`;

export const editVerb: Verb = {
  name: 'edit',
  short: 'Edit a resource on the server',
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [{ name: 'filename', short: 'f', type: 'strings' }, { name: 'output', short: 'o', type: 'string' }, { name: 'record', type: 'bool' }, { name: 'save-config', type: 'bool' }, { name: 'subresource', type: 'string' }, { name: 'windows-line-endings', type: 'bool' }, { name: 'field-manager', type: 'string', default: 'kubectl-edit' }],
  run(env) {
    const { ctx, client } = env;
    if (ctx.mode === 'tui') {
      ctx.err('kubedojo: "kubectl edit" needs a text editor, which the kubedojo terminal UI cannot hand over yet.\nChange the object with "kubectl patch" (e.g. kubectl patch deployment web -p \'{"spec":{"replicas":3}}\'), "kubectl set", "kubectl scale", or edit a manifest and "kubectl apply -f" it.');
      return 1;
    }
    const editor = process.env.KUBE_EDITOR ?? process.env.EDITOR;
    if (!editor || !process.stdin.isTTY) {
      ctx.err('kubedojo: "kubectl edit" opens $KUBE_EDITOR or $EDITOR on a terminal, and none is available here (scripts have no terminal). Use "kubectl patch" or "kubectl apply -f" instead.');
      return 1;
    }
    const refs = resolveRefs(env, { files: env.flags.filename as string[] | undefined });
    if (!refs.ok) {
      ctx.err(refs.error);
      return 1;
    }
    let code = 0;
    for (const ref of refs.refs) {
      const cur = client.get(ref.gr, ref.ns, ref.name);
      if (!cur.ok) {
        ctx.err(serverError(cur.status));
        code = 1;
        continue;
      }
      const dir = mkdtempSync(join(tmpdir(), 'kubectl-edit-'));
      const file = join(dir, `${ref.name}.yaml`);
      const shown = { ...cur.object, metadata: { ...cur.object.metadata } };
      delete shown.metadata.managedFields;
      const before = toGoYaml(shown);
      writeFileSync(file, HEADER + before);
      ctx.err(`kubedojo: opening ${file} in ${editor}`);
      const r = spawnSync(editor, [file], { stdio: 'inherit', shell: true });
      const after = r.status === 0 ? readFileSync(file, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      const body = after
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
      if (r.status !== 0 || body.trim() === '' || body === before) {
        ctx.out('Edit cancelled, no changes made.');
        continue;
      }
      let edited: KObject;
      try {
        edited = parseYaml(body) as KObject;
      } catch (e) {
        ctx.err(`error: ${(e as Error).message.split('\n')[0]}`);
        code = 1;
        continue;
      }
      const patch = threeWayPatch(shown, edited, shown);
      const p = client.patch(ref.gr, ref.ns, ref.name, patch, 'strategic', undefined, { fieldManager: String(env.flags['field-manager']) });
      if (!p.ok) {
        ctx.err(serverError(p.status));
        code = 1;
        continue;
      }
      ctx.out(`${kindLabel(ref.def)}/${ref.name} edited`);
    }
    return code;
  },
};
