// Stand-in for the core helper's interpolation: `$v`, `${v}`, `${v:fmt}`, `[[v]]`.

/** What each variable holds, by name: the values interpolated and the texts shown. */
export type InterpolationScope = Record<string, { text: string[]; value: string[] }>;

const REF = /\$(\w+)|\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)(?::(\w+))?\]\]/g;

function escapeRegex(v: string): string {
  return v.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');
}

function format(values: string[], fmt: string): string {
  switch (fmt) {
    case 'regex':
      return values.length === 1 ? escapeRegex(values[0]) : `(${values.map(escapeRegex).join('|')})`;
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    case 'json':
      return JSON.stringify(values);
    case 'raw':
      return values.join(',');
    default:
      return values.length === 1 ? values[0] : `(${values.map(escapeRegex).join('|')})`;
  }
}

export function interpolate(text: string, scope: InterpolationScope, defaultFormat = 'promql'): string {
  return text.replace(REF, (whole, a?: string, b?: string, bf?: string, c?: string, cf?: string) => {
    const name = a ?? b ?? c ?? '';
    const v = scope[name];
    if (!v) return whole;
    return format(v.value, bf ?? cf ?? defaultFormat);
  });
}

export function variablesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(REF)) names.add(m[1] ?? m[2] ?? m[4]);
  return [...names];
}
