// alertmanager.yml's route tree put to work by the notifier's router, and
// the two questions amtool answers about it: which receivers an alert with
// these labels reaches (`amtool config routes test`) and the tree as text
// (`amtool config routes show`).

import type { AmInhibitRule, AmMatcher, AmRoute } from '../config/alertmanagerConfig';
import type { InhibitRuleConfig } from '../notify/inhibit';
import { Matcher } from '../model/matcher';
import { Route, type RouteConfig } from '../notify/route';

export function routeConfig(r: AmRoute): RouteConfig {
  return {
    receiver: r.receiver,
    groupBy: r.groupBy,
    matchers: r.matchers.map((m) => new Matcher(m.type, m.name, m.value)),
    groupWait: r.groupWait,
    groupInterval: r.groupInterval,
    repeatInterval: r.repeatInterval,
    continue: r.continue,
    muteTimeIntervals: r.muteTimeIntervals,
    activeTimeIntervals: r.activeTimeIntervals,
    routes: r.routes.map(routeConfig),
  };
}

export function inhibitRuleConfig(r: AmInhibitRule): InhibitRuleConfig {
  const matchers = (ms: AmMatcher[]) => ms.map((m) => new Matcher(m.type, m.name, m.value));
  return { sourceMatchers: matchers(r.sourceMatchers), targetMatchers: matchers(r.targetMatchers), equal: r.equal };
}

/** amtool config routes test: the receivers of the routes the labels land on, in tree order, comma-joined. */
export function receiversFor(root: AmRoute, labels: Record<string, string>): string {
  return new Route(routeConfig(root))
    .match(labels)
    .map((r) => r.opts.receiver)
    .join(',');
}

// pkg/labels Matchers.Less: by name, then type in MatchType's order, then value.
const TYPE_ORDER = ['=', '!=', '=~', '!~'];
function compareMatchers(a: AmMatcher, b: AmMatcher): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.type !== b.type) return TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type);
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/**
 * amtool config routes show: one line per route with its matchers sorted by
 * name (as NewRoute sorts them), `continue`, and the receiver it ends up with
 * (inherited when unset).
 */
export function routingTreeText(root: AmRoute): string {
  const lines = ['Routing tree:', '.', `└── default-route  receiver: ${root.receiver ?? ''}`];
  const walk = (routes: AmRoute[], prefix: string, inherited: string) => {
    routes.forEach((r, i) => {
      const last = i === routes.length - 1;
      const sorted = [...r.matchers].sort(compareMatchers);
      const matchers = `{${sorted.map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`).join(',')}}`;
      const receiver = r.receiver ?? inherited;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${matchers}${r.continue ? '  continue: true' : ''}  receiver: ${receiver}`);
      walk(r.routes, prefix + (last ? '    ' : '│   '), receiver);
    });
  };
  walk(root.routes, '    ', root.receiver ?? '');
  return lines.join('\n');
}
