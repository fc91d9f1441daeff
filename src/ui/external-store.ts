/**
 * A tiny external store (subscribe / getSnapshot / set) and the selector hook
 * over useSyncExternalStore: how every pane reads shared state, so a change
 * re-renders only the panes that select it.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';

export interface ReadableStore<T> {
  getSnapshot(): T;
  subscribe(listener: () => void): () => void;
}

export class ExternalStore<T> implements ReadableStore<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}

  getSnapshot = (): T => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: T): void {
    if (Object.is(next, this.value)) return;
    this.value = next;
    for (const l of [...this.listeners]) l();
  }

  update(fn: (v: T) => T): void {
    this.set(fn(this.value));
  }
}

/** Select a slice of a store; re-renders only when the selected value changes (Object.is). */
export function useStore<T, S = T>(store: ReadableStore<T>, selector: (v: T) => S = (v) => v as unknown as S): S {
  const sel = useRef(selector);
  sel.current = selector;
  const last = useRef<{ src: T; out: S } | undefined>(undefined);
  const get = useCallback(() => {
    const src = store.getSnapshot();
    if (last.current && Object.is(last.current.src, src)) return last.current.out;
    const out = sel.current(src);
    if (last.current && Object.is(last.current.out, out)) {
      last.current = { src, out: last.current.out };
      return last.current.out;
    }
    last.current = { src, out };
    return out;
  }, [store]);
  return useSyncExternalStore(store.subscribe, get, get);
}
