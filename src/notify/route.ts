// The routing tree (dispatch/route.go): an alert descends into the first
// child whose matchers it satisfies (further ones too when `continue` is
// set), lands on the deepest matching routes, and takes their receiver,
// grouping and timing, each inherited from the parent when unset.

import { Matcher } from '../model/matcher';

/** A route as configured; unset fields inherit from the parent. */
export interface RouteConfig {
  receiver?: string;
  /** Label names to group by; ['...'] groups by all labels. */
  groupBy?: string[];
  matchers?: Matcher[];
  /** Milliseconds. */
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  continue?: boolean;
  /** Names of time intervals; this route's own, never inherited (route.go). */
  muteTimeIntervals?: string[];
  activeTimeIntervals?: string[];
  routes?: RouteConfig[];
}

export interface RouteOpts {
  receiver: string;
  groupBy: string[];
  groupByAll: boolean;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
}

// Alertmanager's DefaultRouteOpts.
export const DEFAULT_ROUTE_OPTS: Readonly<RouteOpts> = {
  receiver: '',
  groupBy: [],
  groupByAll: false,
  groupWait: 30_000,
  groupInterval: 5 * 60_000,
  repeatInterval: 4 * 3_600_000,
};

export class Route {
  readonly opts: RouteOpts;
  readonly matchers: Matcher[];
  readonly continue: boolean;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly routes: Route[];

  constructor(
    cfg: RouteConfig,
    readonly parent?: Route,
  ) {
    const base = parent?.opts ?? DEFAULT_ROUTE_OPTS;
    const groupBy = cfg.groupBy ?? (parent ? base.groupBy : []);
    const all = cfg.groupBy ? cfg.groupBy.includes('...') : base.groupByAll;
    this.opts = {
      receiver: cfg.receiver ?? base.receiver,
      groupBy: all ? [] : [...groupBy].sort(),
      groupByAll: all,
      groupWait: cfg.groupWait ?? base.groupWait,
      groupInterval: cfg.groupInterval ?? base.groupInterval,
      repeatInterval: cfg.repeatInterval ?? base.repeatInterval,
    };
    this.matchers = cfg.matchers ?? [];
    this.continue = cfg.continue ?? false;
    this.muteTimeIntervals = cfg.muteTimeIntervals ?? [];
    this.activeTimeIntervals = cfg.activeTimeIntervals ?? [];
    this.routes = (cfg.routes ?? []).map((c) => new Route(c, this));
  }

  /** The routes an alert with these labels goes to (route.go Match). */
  match(labels: Record<string, string>): Route[] {
    if (!this.matchers.every((m) => m.matches(labels[m.name] ?? ''))) return [];
    const all: Route[] = [];
    for (const child of this.routes) {
      const matches = child.match(labels);
      all.push(...matches);
      if (matches.length > 0 && !child.continue) break;
    }
    return all.length > 0 ? all : [this];
  }

  /** route.go Key: the path of matcher sets from the root, e.g. `{}/{severity="page"}`. */
  key(): string {
    const own = `{${this.matchers.map((m) => m.toString()).join(',')}}`;
    return this.parent ? `${this.parent.key()}/${own}` : own;
  }

  /** The labels an alert is grouped by on this route. */
  groupLabels(labels: Record<string, string>): Record<string, string> {
    if (this.opts.groupByAll) return { ...labels };
    const out: Record<string, string> = {};
    for (const n of this.opts.groupBy) if (labels[n] !== undefined && labels[n] !== '') out[n] = labels[n];
    return out;
  }
}
