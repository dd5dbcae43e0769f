// A CodeMirror view whose text follows a React prop: a new prop value replaces
// the document, marked so the view's update listener does not report the
// edit back as the user's.

import { Annotation } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { useEffect, type RefObject } from 'react';

/** Marks edits that only mirror the value prop, so they are not reported back as changes. */
export const fromProps = Annotation.define<boolean>();

export function useDocFromProp(viewRef: RefObject<EditorView | null>, value: string): void {
  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value }, annotations: fromProps.of(true) });
  }, [viewRef, value]);
}
