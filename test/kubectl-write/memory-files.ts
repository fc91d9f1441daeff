/** An in-memory FileSource for tests (paths relative, directories implied by prefixes). */
import type { FileSource } from '../../src/commands/types.js';

export function memoryFiles(files: Record<string, string>): FileSource & { files: Record<string, string> } {
  return {
    files,
    read(path) {
      const p = path.replace(/^\.\//, '');
      return p in files ? { ok: true, text: files[p]! } : { ok: false, error: `open ${path}: no such file or directory` };
    },
    list(path) {
      const dir = path.replace(/^\.\//, '').replace(/\/$/, '');
      const names = Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`))
        .map((f) => f.slice(dir.length + 1).split('/')[0]!);
      return names.length > 0 ? [...new Set(names)].sort() : undefined;
    },
  };
}
