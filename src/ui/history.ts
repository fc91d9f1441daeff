/**
 * Prompt history (↑/↓), persisted across runs with conf in the config
 * directory (KUBEDOJO_CONFIG_DIR in tests). A corrupt file is reported and
 * set aside, never a crash; an unwritable directory just stops persisting.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import type Conf from 'conf';

export const HISTORY_KEEP = 500;

type HistoryConf = Conf<{ entries: string[] }>;

export interface HistoryStore {
  load(): string[];
  save(entries: string[]): void;
}

/** A store in memory only (tests, or when the config can't be opened). */
export function memoryHistory(initial: string[] = []): HistoryStore {
  let entries = [...initial];
  return {
    load: () => [...entries],
    save: (e) => {
      entries = [...e];
    },
  };
}

/** Open the persisted history; `report` gets one line for a problem (corrupt or unwritable file). */
export async function openHistory(report: (line: string) => void): Promise<HistoryStore> {
  let conf: HistoryConf;
  try {
    const { default: ConfClass } = await import('conf');
    conf = new ConfClass<{ entries: string[] }>({ projectName: 'kubedojo', configName: 'history', cwd: process.env.KUBEDOJO_CONFIG_DIR, clearInvalidConfig: true });
  } catch (e) {
    report(`history: cannot open the config directory (${(e as Error).message}); history is kept for this session only`);
    return memoryHistory();
  }
  const path = conf.path;
  try {
    if (existsSync(path)) JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    const aside = `${path}.corrupt-${process.pid}`;
    try {
      renameSync(path, aside);
      report(`history: ${path} was not valid JSON; moved it to ${aside} and started a new history`);
    } catch {
      report(`history: ${path} is not valid JSON and could not be moved; history is kept for this session only`);
      return memoryHistory();
    }
  }
  let warned = false;
  return {
    load() {
      try {
        const v = conf.get('entries');
        return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(-HISTORY_KEEP) : [];
      } catch {
        return [];
      }
    },
    save(entries) {
      try {
        conf.set('entries', entries.slice(-HISTORY_KEEP));
      } catch (e) {
        if (!warned) report(`history: cannot save to ${path} (${(e as Error).message})`);
        warned = true;
      }
    },
  };
}

/** Walk the history with ↑/↓ while keeping what was being typed. */
export class HistoryCursor {
  private entries: string[];
  private index: number;
  private draft = '';

  constructor(private readonly store: HistoryStore) {
    this.entries = store.load();
    this.index = this.entries.length;
  }

  all(): readonly string[] {
    return this.entries;
  }

  add(line: string): void {
    const t = line.trim();
    if (t !== '' && this.entries[this.entries.length - 1] !== t) {
      this.entries.push(t);
      if (this.entries.length > HISTORY_KEEP) this.entries = this.entries.slice(-HISTORY_KEEP);
      this.store.save(this.entries);
    }
    this.index = this.entries.length;
    this.draft = '';
  }

  /** ↑: the previous entry (undefined at the oldest). */
  prev(current: string): string | undefined {
    if (this.index === 0) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    return this.entries[--this.index];
  }

  /** ↓: the next entry, or the draft after the newest. */
  next(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }
}
