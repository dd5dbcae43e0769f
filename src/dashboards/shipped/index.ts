// Stand-in for the grafana helper's shipped boards: the demo service's board.

import { newDashboard, newPanel, newTarget } from '../defaults';
import type { Dashboard } from '../model';

export const DEMO_DASHBOARD_UID = 'demo-service';

function demo(): Dashboard {
  const board = newDashboard(DEMO_DASHBOARD_UID, 'Demo service');
  board.time = { from: 'now-15m', to: 'now' };
  board.refresh = '10s';
  board.variables = [
    {
      type: 'query',
      name: 'instance',
      label: 'Instance',
      description: '',
      hide: 0,
      current: { text: ['All'], value: ['$__all'] },
      multi: true,
      includeAll: true,
      allValue: '',
      query: 'label_values(http_requests_total, instance)',
      regex: '',
      sort: 1,
      refresh: 1,
      options: [],
    },
  ];
  const req = newPanel('timeseries', 1, 'Requests by handler');
  req.targets = [{ ...newTarget('A', 'sum by (handler) (rate(http_requests_total{instance=~"$instance"}[$__rate_interval]))'), legendFormat: '{{handler}}' }];
  req.gridPos = { x: 0, y: 0, w: 12, h: 8 };
  const up = newPanel('stat', 2, 'Up');
  up.targets = [newTarget('A', 'sum(up{instance=~"$instance"})')];
  up.gridPos = { x: 12, y: 0, w: 12, h: 8 };
  board.panels = [req, up];
  return board;
}

export const SHIPPED_DASHBOARDS: Dashboard[] = [demo()];
