// "Demo service": the board a first open lands on, over the simulated web
// service Vigil scrapes as job `demo` (src/scrape/demoService.ts names the
// metrics): traffic and errors by handler, latency quantiles and buckets,
// requests in flight, one stat per instance, and which instances are up.

import { newDashboard } from '../defaults';
import type { Dashboard } from '../model';
import { at, labelValuesVariable, panelOf, rowAt } from './boardParts';

export const DEMO_DASHBOARD_UID = 'demo-service';

const SEL = 'job="demo", instance=~"$instance"';
const RATE = '$__rate_interval';

export function demoServiceBoard(): Dashboard {
  const b = newDashboard(DEMO_DASHBOARD_UID, 'Demo service');
  b.description = 'The simulated web service Vigil scrapes as job "demo": traffic, errors, latency and health.';
  b.tags = ['demo', 'vigil'];
  b.time = { from: 'now-1h', to: 'now' };
  b.refresh = 'live';
  b.variables = [labelValuesVariable('instance', 'Instance', 'label_values(up{job="demo"}, instance)', { multi: true, includeAll: true })];

  const requests = panelOf('stat', 1, { title: 'Requests', at: at(0, 0, 6, 4), unit: 'reqps', queries: [[`sum(rate(http_requests_total{${SEL}}[${RATE}]))`]] });
  const errorRatio = panelOf('stat', 2, {
    title: 'Error ratio',
    at: at(6, 0, 6, 4),
    unit: 'percentunit',
    description: 'Share of requests answered 5xx.',
    queries: [[`sum(rate(http_requests_total{${SEL}, code=~"5.."}[${RATE}])) / sum(rate(http_requests_total{${SEL}}[${RATE}]))`]],
    field: { decimals: 2, thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }] } },
  });
  const p99 = panelOf('stat', 3, {
    title: 'p99 latency',
    at: at(12, 0, 6, 4),
    unit: 's',
    queries: [[`histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[${RATE}])))`]],
    field: { thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 0.5, color: 'orange' }, { value: 1, color: 'red' }] } },
  });
  const upCount = panelOf('stat', 4, {
    title: 'Instances up',
    at: at(18, 0, 6, 4),
    queries: [[`sum(up{${SEL}})`]],
    field: { thresholds: { mode: 'absolute', steps: [{ value: null, color: 'red' }, { value: 1, color: 'green' }] } },
  });

  const byHandler = panelOf('timeseries', 5, { title: 'Requests by handler', at: at(0, 4, 12, 8), unit: 'reqps', queries: [[`sum by (handler) (rate(http_requests_total{${SEL}}[${RATE}]))`, '{{handler}}']] });
  const errors = panelOf('timeseries', 6, {
    title: 'Errors by handler',
    at: at(12, 4, 12, 8),
    unit: 'reqps',
    description: 'Requests answered 5xx, per second.',
    queries: [[`sum by (handler) (rate(http_requests_total{${SEL}, code=~"5.."}[${RATE}]))`, '{{handler}}']],
  });
  errors.options.drawStyle = 'bars';
  errors.options.stacking = 'normal';
  errors.options.fillOpacity = 80;

  const quantile = (q: string) => `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[${RATE}])))`;
  const latency = panelOf('timeseries', 7, {
    title: 'Latency quantiles',
    at: at(0, 12, 12, 8),
    unit: 's',
    queries: [
      [quantile('0.5'), 'p50'],
      [quantile('0.9'), 'p90'],
      [quantile('0.99'), 'p99'],
    ],
  });
  latency.options.legend = { mode: 'table', placement: 'right', calcs: ['mean', 'max', 'lastNotNull'] };
  const buckets = panelOf('heatmap', 8, {
    title: 'Latency buckets',
    at: at(12, 12, 12, 8),
    unit: 's',
    description: 'Requests per latency bucket (le) per step.',
    queries: [[`sum by (le) (increase(http_request_duration_seconds_bucket{${SEL}}[${RATE}]))`, '{{le}}']],
  });

  const inFlight = panelOf('timeseries', 9, { title: 'Requests in flight', at: at(0, 20, 12, 7), queries: [[`sum by (instance) (http_requests_in_flight{${SEL}})`, '{{instance}}']] });
  const up = panelOf('timeseries', 10, {
    title: 'Up',
    at: at(12, 20, 12, 7),
    description: '1 while the last scrape of the instance succeeded; demo-3 restarts every 15 minutes.',
    queries: [[`up{${SEL}}`, '{{instance}}']],
    field: { min: 0, max: 1, mappings: [{ type: 'value', options: { '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } } }] },
  });
  up.options.fillOpacity = 20;

  const instances = rowAt(11, 'Instances', 27);
  const perInstance = panelOf('stat', 12, {
    title: '$instance',
    at: at(0, 28, 6, 4),
    unit: 'reqps',
    description: 'Requests per second served by this instance.',
    // A regex match: one value in each repeat, and every selected one where a board draws no repeats.
    queries: [[`sum(rate(http_requests_total{job="demo", instance=~"$instance"}[${RATE}]))`]],
  });
  perInstance.repeat = 'instance';
  perInstance.repeatDirection = 'h';
  perInstance.maxPerRow = 4;

  b.panels = [requests, errorRatio, p99, upCount, byHandler, errors, latency, buckets, inFlight, up, instances, perInstance];
  return b;
}
