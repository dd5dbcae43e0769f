// The boards Vigil ships, stored on an origin's first start. A stand-in until
// the shipped boards land: one panel of the demo's request rate.

import { newDashboard, newPanel, newTarget } from '../defaults';
import type { Dashboard } from '../model';

export const DEMO_DASHBOARD_UID = 'demo-service';

function demoService(): Dashboard {
  const board = newDashboard(DEMO_DASHBOARD_UID, 'Demo service');
  const panel = newPanel('timeseries', 1, 'Request rate');
  panel.targets = [{ ...newTarget('A', 'sum by (handler) (rate(http_requests_total{job="demo"}[$__rate_interval]))'), legendFormat: '{{handler}}' }];
  panel.fieldConfig.defaults.unit = 'reqps';
  return { ...board, tags: ['demo'], panels: [panel] };
}

export const SHIPPED_DASHBOARDS: Dashboard[] = [demoService()];
