/** Colours and glyphs in one place; `NO_COLOR` / `--no-color` turn colours off (letters and symbols stay). */
export function colorsEnabled(): boolean {
  return process.env.FORCE_COLOR !== '0' && process.env.NO_COLOR === undefined;
}

const COMPONENT_COLORS: [RegExp, string][] = [
  [/^kubectl/, 'white'],
  [/scheduler/, 'magenta'],
  [/^kubelet/, 'cyan'],
  [/controller/, 'blue'],
  [/proxy/, 'yellow'],
  [/apiserver/, 'gray'],
];

export function componentColor(component: string): string {
  return COMPONENT_COLORS.find(([re]) => re.test(component))?.[1] ?? 'green';
}

/** `aks-nodepool1-12345678-vmss000001` → `aks-nodepool1-…-vmss000001` where space is short. */
export function shortNodeName(name: string): string {
  return name.replace(/^(aks-[a-z0-9]+)-\d{6,}-(vmss[0-9a-z]{6})$/, '$1-…-$2');
}

export function shortNodeNames(text: string): string {
  return text.replace(/\b(aks-[a-z0-9]+)-\d{6,}-(vmss[0-9a-z]{6})\b/g, '$1-…-$2');
}

export function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}
