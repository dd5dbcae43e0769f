// What a board hands each panel to draw: the answers to its targets (already
// interpolated, filtered and batched by the board) and the panel's state,
// which the panel also shows as `data-panel-state` for outside checks.

import type { InstantResult, RangeColumns } from '../../model/queryResult';

/** One target's answer. */
export interface PanelFrame {
  refId: string;
  /** The target's legend template, variables already interpolated. */
  legendFormat: string;
  /** The expression as sent (interpolated, ad hoc filters applied), for the panel's inspector. */
  expr: string;
  result: RangeColumns | InstantResult;
}

export type PanelState = 'loading' | 'ok' | 'empty' | 'error';

export interface PanelData {
  state: PanelState;
  /** While loading, the previous answers, so a refresh does not blank the panel. */
  frames: PanelFrame[];
  /** With `error`: each failing target's message, naming the target. */
  error: string;
  /** Warnings and infos the answers carried. */
  notices: string[];
}

/** The time range the panel shows, resolved to ms, and how to show times. */
export interface PanelTime {
  startMs: number;
  endMs: number;
  timezone: 'browser' | 'utc';
}
