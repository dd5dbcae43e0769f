import { describe, expect, it } from 'vitest';
import { parseSeriesDesc } from '../parser/seriesDesc';
import { nhcbSeries } from './nhcbLoad';

function convert(lines: string[]) {
  return nhcbSeries(lines.map(parseSeriesDesc), 60_000).map((s) => ({
    labels: s.labels.toString(),
    samples: s.samples.map(({ t, h }) => `${t} ${h.testExpression()}`),
  }));
}

describe('nhcbSeries', () => {
  it('joins _bucket, _count and _sum per timestamp under the base name, without le', () => {
    expect(
      convert([
        'req_bucket{le="+Inf", job="a"} 3 _ 7',
        'req_bucket{le="0.5", job="a"} 1 _ 2',
        'req_count{job="a"} 3 _ 7',
        'req_sum{job="a"} 1.5 _ 4',
        'other_total{job="a"} 1 2 3',
      ]),
    ).toEqual([
      {
        labels: '{__name__="req", job="a"}',
        samples: ['0 {{schema:-53 count:3 sum:1.5 custom_values:[0.5] buckets:[1 2]}}', '120000 {{schema:-53 count:7 sum:4 custom_values:[0.5] buckets:[2 5]}}'],
      },
    ]);
  });

  it('leaves out buckets whose le is unusable and samples that are histograms', () => {
    expect(convert(['h_bucket{le="x"} 1', 'h_bucket{le="NaN"} 1', 'h_bucket{le="1"} 2 {{count:1}}', 'h_count 2 _'])).toEqual([
      { labels: '{__name__="h"}', samples: ['0 {{schema:-53 count:2 custom_values:[1] buckets:[2]}}'] },
    ]);
  });

  it('fails the load on a classic histogram that is not cumulative', () => {
    expect(() => convert(['h_bucket{le="1"} 5', 'h_bucket{le="2"} 3'])).toThrow(/not cumulative/);
  });
});
