/** Time and duration formats the node side prints (Go, klog, and the images' own log formats). */
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.Duration String(): `2.345s`, `512ms`, `1m20s`, `5m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${trim(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${trim(Number(s.toFixed(3)))}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

function trim(n: number): string {
  return String(Number(n.toFixed(3)));
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function rfc3339Nano(ms: number, subMs = 0): string {
  const d = new Date(ms);
  const frac = `${p3(d.getUTCMilliseconds())}${String(subMs).padStart(6, '0')}`;
  return `${d.toISOString().slice(0, 19)}.${frac}Z`;
}

/** metav1.MicroTime: `2026-01-15T09:00:10.123456Z`. */
export function microTime(ms: number): string {
  const d = new Date(ms);
  return `${d.toISOString().slice(0, 19)}.${p3(d.getUTCMilliseconds())}000Z`;
}

/** `{{time:<fmt>}}` in image log lines. */
export function logTime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const M = p2(d.getUTCMonth() + 1);
  const D = p2(d.getUTCDate());
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const micro = `${p3(d.getUTCMilliseconds())}${p3((ms * 7) % 1000)}`;
  switch (fmt) {
    case 'nginx':
    case 'goLog':
      return `${Y}/${M}/${D} ${hms}`;
    case 'iso':
      return `${Y}-${M}-${D}T${hms}.${micro}Z`;
    case 'space':
      return `${Y}-${M}-${D} ${hms}`;
    case 'mysql':
      return `${Y}-${M}-${D} ${hms}+00:00`;
    case 'pg':
      return `${Y}-${M}-${D} ${hms}.${p3(d.getUTCMilliseconds())}`;
    case 'redis':
      return `${D} ${MONTHS[d.getUTCMonth()]} ${Y} ${hms}.${p3(d.getUTCMilliseconds())}`;
    case 'httpd':
      return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${D} ${hms}.${micro} ${Y}`;
    case 'klog':
      return `I${M}${D} ${hms}.${micro}`;
    case 'unix':
      return String(Math.floor(ms / 1000));
    case 'unixms':
      return String(ms);
    default:
      return d.toISOString();
  }
}
