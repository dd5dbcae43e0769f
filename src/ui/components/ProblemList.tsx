// Why the engine refused a configuration or rule file: each problem at its line
// and column, in the words `promtool check` would use.

import type { TextProblem } from '../../model/result';

export function ProblemList({ label, problems }: { label: string; problems: readonly TextProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="error" role="alert" aria-label={label}>
      {problems.map((p, i) => (
        <li key={i}>
          {p.line > 0 ? `line ${p.line}, column ${p.column}: ` : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
