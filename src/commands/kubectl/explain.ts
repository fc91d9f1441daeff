/**
 * `kubectl explain TYPE[.field.path] [--recursive]`: KIND, VERSION, the
 * description and the fields with their types, rendered as kubectl 1.32's
 * plaintext template does (descriptions wrapped at 80 columns, a tab between
 * a field's name and its type, `-required-`, `enum:` lines).
 */
import type { Verb } from './verb.js';
import { fieldTypeDef, kindSchema, type Field, type TypeDef } from '../../cluster/api/schema/index.js';

function wrap(text: string, indent: number, width = 80): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter((w) => w !== '')) {
      if (line && indent + line.length + 1 + word.length >= width) {
        lines.push(' '.repeat(indent) + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(' '.repeat(indent) + line);
  }
  return lines;
}

const typeText = (f: Field) => `<${f[0]}>`;

function fieldLine(name: string, f: Field, indent: number): string {
  return `${' '.repeat(indent)}${name}\t${typeText(f)}${f[2] ? ' -required-' : ''}`;
}

function fieldsBlock(t: TypeDef, recursive: boolean, indent: number, out: string[], depth = 0): void {
  for (const name of Object.keys(t.fields).sort()) {
    const f = t.fields[name]!;
    out.push(fieldLine(name, f, indent));
    if (recursive) {
      const child = fieldTypeDef(f);
      if (child && depth < 10) fieldsBlock(child, true, indent + 2, out, depth + 1);
      continue;
    }
    if (f[3]) out.push(`${' '.repeat(indent)}enum: ${f[3].join(', ')}`);
    out.push(...wrap(f[1], indent + 2), '');
  }
}

export const explainVerb: Verb = {
  name: 'explain',
  short: 'Get documentation for a resource',
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(env) {
    const { ctx, cluster, args, flags } = env;
    if (args.length === 0) {
      ctx.err('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee \'kubectl explain -h\' for help and examples');
      return 1;
    }
    const [typeName, ...path] = args[0]!.split('.');
    const def = cluster.registry.resolve(typeName!);
    if (!def) {
      ctx.err(`error: the server doesn't have a resource type "${typeName}"`);
      return 1;
    }
    const root = kindSchema(def.group, def.version, def.kind);
    let t: TypeDef | undefined = root;
    let field: [string, Field] | undefined;
    for (const p of path) {
      const f: Field | undefined = t?.fields[p];
      if (!f) {
        ctx.err(`error: field "${p}" does not exist`);
        return 1;
      }
      field = [p, f];
      t = fieldTypeDef(f);
    }
    const out: string[] = [`KIND:       ${def.kind}`, `VERSION:    ${def.group ? `${def.group}/` : ''}${def.version}`, ''];
    if (field) out.push(`FIELD: ${field[0]} ${typeText(field[1])}`, '', '');
    if (field?.[1][3]) out.push(`ENUM:`, ...field[1][3].map((v) => `    ${v}`), '');
    out.push('DESCRIPTION:');
    out.push(...wrap(field ? field[1][1] : root.description, 4));
    if (field && t) out.push(...wrap(t.description, 4));
    out.push('    ');
    if (t && Object.keys(t.fields).length > 0) {
      out.push('FIELDS:');
      fieldsBlock(t, !!flags.recursive, 2, out);
      if (flags.recursive) out.push('');
    }
    ctx.out(out.join('\n') + '\n');
    return 0;
  },
};
