// The four types a PromQL expression can yield, as Prometheus's parser/value.go
// names them, and how its error messages spell them.

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** Prometheus's names for value types in error messages (parser.DocumentedType). */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}
