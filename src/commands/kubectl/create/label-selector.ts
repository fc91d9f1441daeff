/** metav1.ParseToLabelSelector: `app=web,tier in (a,b),!x` → matchLabels + matchExpressions. */
export function labelSelectorOf(s: string): { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: string; values?: string[] }[] = [];
  for (const raw of s.match(/(?:[^,(]|\([^)]*\))+/g) ?? []) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      matchExpressions.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '').sort() });
    } else if ((m = /^([^\s!=]+)\s*!=\s*(.*)$/.exec(part))) {
      matchExpressions.push({ key: m[1]!, operator: 'NotIn', values: [m[2]!.trim()] });
    } else if ((m = /^([^\s!=]+)\s*==?\s*(.*)$/.exec(part))) {
      matchLabels[m[1]!] = m[2]!.trim();
    } else if ((m = /^!\s*(\S+)$/.exec(part))) {
      matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist' });
    } else if (part !== '') {
      matchExpressions.push({ key: part, operator: 'Exists' });
    }
  }
  const out: ReturnType<typeof labelSelectorOf> = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = Object.fromEntries(Object.entries(matchLabels).sort(([a], [b]) => (a < b ? -1 : 1)));
  // labels.Parse sorts requirements by key.
  if (matchExpressions.length > 0) out.matchExpressions = [...matchExpressions].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}
