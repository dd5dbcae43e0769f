import { describe, expect, it } from 'vitest';
import { headersFor, parseSourceHeaders } from './sourceHeaders';

describe('parseSourceHeaders', () => {
  it('reads URLs with their indented headers, skipping blank and comment lines', () => {
    const r = parseSourceHeaders('# tenants\nhttps://mimir.example/prometheus\n  X-Scope-OrgID: team-a\n\thttp-x: a: b\n\nhttp://127.0.0.1:9090\n');
    expect(r).toEqual({
      ok: true,
      sources: [
        { urlPrefix: 'https://mimir.example/prometheus', headers: { 'X-Scope-OrgID': 'team-a', 'http-x': 'a: b' } },
        { urlPrefix: 'http://127.0.0.1:9090', headers: {} },
      ],
    });
  });

  it.each([
    ['  X-Scope-OrgID: a', 'line 1: a header before any URL; write the URL on its own line first'],
    ['mimir.example', 'line 1: "mimir.example" is not a URL'],
    ['ftp://mimir.example', 'line 1: ftp: URLs cannot be fetched; use http: or https:'],
    ['http://a\n  no colon here', 'line 2: expected "Name: value", got "no colon here"'],
    ['http://a\n  Bad Name: x', 'line 2: expected "Name: value", got "Bad Name: x"'],
  ])('refuses %j: %s', (text, error) => {
    expect(parseSourceHeaders(text)).toEqual({ ok: false, error });
  });
});

describe('headersFor', () => {
  const sources = [
    { urlPrefix: 'https://mimir.example', headers: { 'X-Scope-OrgID': 'all' } },
    { urlPrefix: 'https://mimir.example/prometheus/team-b', headers: { 'X-Scope-OrgID': 'team-b' } },
  ];
  it.each([
    ['https://mimir.example/prometheus', { 'X-Scope-OrgID': 'all' }],
    ['https://mimir.example/prometheus/team-b', { 'X-Scope-OrgID': 'team-b' }],
    ['http://127.0.0.1:9090', undefined],
  ])('%s gets the longest matching prefix’s headers', (url, want) => {
    expect(headersFor(sources, url)).toEqual(want);
  });
});
