// Which keys each mapping of a YAML file takes, as one table per file kind:
// the readers check keys against it (YamlSource.struct) and the editor
// completes keys from it, so the two cannot disagree.

/** A mapping with known keys, a list of one shape, or a value (a scalar, or a free-form mapping such as labels). */
export type YamlShape = MappingShape | ListShape | ValueShape;

export interface MappingShape {
  kind: 'mapping';
  /** Every key the reader accepts, in the order Prometheus documents them. */
  keys: readonly string[];
  /** Keys whose value has a shape of its own. */
  children: Readonly<Record<string, YamlShape>>;
  /** Keys Prometheus knows that Vigil keeps but does not act on. */
  ignored: readonly string[];
}

export interface ListShape {
  kind: 'list';
  item: YamlShape;
}

export interface ValueShape {
  kind: 'value';
}

export const VALUE: ValueShape = { kind: 'value' };

/**
 * A mapping taking `keys` and the `ignored` ones. A child for a key the
 * mapping does not take is a mistake in the table, caught when the module loads.
 */
export function mapping(keys: readonly string[], children: Record<string, YamlShape> = {}, ignored: readonly string[] = []): MappingShape {
  const all = [...keys, ...ignored];
  for (const key of Object.keys(children)) {
    if (!all.includes(key)) throw new Error(`yaml shape: child ${key} is not one of the keys ${all.join(', ')}`);
  }
  return { kind: 'mapping', keys: all, children, ignored };
}

export function listOf(item: YamlShape): ListShape {
  return { kind: 'list', item };
}
