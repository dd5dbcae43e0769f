// The text panel: Markdown rendered by react-markdown, whose output is React
// elements; raw HTML in the source is dropped (skipHtml), link targets pass
// react-markdown's URL filter (no javascript:), and links open apart from
// the board. The 'html' mode is never run: its source is shown as text.
import Markdown, { type Components } from 'react-markdown';
import type { Panel } from '../../../dashboards/model';

const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

export function TextPanel({ panel, width, height }: { panel: Panel & { type: 'text' }; width: number; height: number }) {
  const { mode, content } = panel.options;
  return (
    <div className="text-panel" style={{ width, height }}>
      {mode === 'html' ? (
        <>
          <p className="panel-note">HTML is shown as text: Vigil does not run a board&apos;s HTML.</p>
          <pre>{content}</pre>
        </>
      ) : (
        <Markdown skipHtml components={COMPONENTS}>
          {content}
        </Markdown>
      )}
    </div>
  );
}
