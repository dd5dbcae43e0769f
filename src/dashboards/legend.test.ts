import { describe, expect, it } from 'vitest';
import { legendName } from './legend';

const labels = { __name__: 'http_requests_total', job: 'api', instance: 'demo-1:8080' };

describe('legendName', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['{{instance}}', labels, '', 'demo-1:8080'],
    ['{{ job }} on {{instance}}', labels, '', 'api on demo-1:8080'],
    ['{{job}}-{{missing}}', labels, '', 'api-'],
    ['{{__name__}}', labels, '', 'http_requests_total'],
    ['plain text', labels, '', 'plain text'],
    ['{{job}', labels, '', '{{job}'],
    ['', labels, '', 'http_requests_total{instance="demo-1:8080", job="api"}'],
    ['__auto', labels, '', 'http_requests_total{instance="demo-1:8080", job="api"}'],
    ['', { job: 'api' }, '', '{job="api"}'],
    ['', { __name__: 'up' }, '', 'up'],
    ['', { le: 'a"b' }, '', '{le="a\\"b"}'],
    ['', {}, 'sum(rate(x[5m]))', 'sum(rate(x[5m]))'],
    ['', {}, '', '{}'],
    ['{{constructor}}', {}, '', ''],
    ['<b>{{job}}</b>', { job: '<img src=x onerror=alert(1)>' }, '', '<b><img src=x onerror=alert(1)></b>'],
  ])('%j over %j is %j', (format, l, expr, want) => {
    expect(legendName(format, l, expr)).toBe(want);
  });
});
