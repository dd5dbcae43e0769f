// Explain: the query's tree as the engine evaluated it, one row per node with
// the series and samples it produced and the time it took, indented by depth
// so the costly branch stands out.

import type { ExplainNode } from '../../engine/api';

interface FlatNode {
  node: ExplainNode;
  depth: number;
  path: string;
}

function flatten(node: ExplainNode, depth = 0, path = '0'): FlatNode[] {
  return [{ node, depth, path }, ...node.children.flatMap((c, i) => flatten(c, depth + 1, `${path}.${i}`))];
}

export function ExplainTree({ tree }: { tree: ExplainNode }) {
  const rows = flatten(tree);
  const slowest = Math.max(...rows.map((r) => r.node.ms));
  return (
    <div className="table-scroll">
      <table className="explain" aria-label="Query explanation">
        <thead>
          <tr>
            <th scope="col">Expression</th>
            <th scope="col">Node</th>
            <th scope="col" className="num">
              Series
            </th>
            <th scope="col" className="num">
              Samples
            </th>
            <th scope="col" className="num">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ node, depth, path }) => (
            <tr key={path}>
              <td className="mono" style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
                {depth > 0 ? <span aria-hidden="true" className="muted">└ </span> : null}
                {node.expr}
              </td>
              <td className="muted">{node.kind}</td>
              <td className="num">{node.series.toLocaleString()}</td>
              <td className="num">{node.samples.toLocaleString()}</td>
              <td className="num">
                <span className="cost-bar" style={{ width: `${slowest > 0 ? (node.ms / slowest) * 4 : 0}rem` }} aria-hidden="true" />
                {node.ms.toFixed(2)} ms
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
