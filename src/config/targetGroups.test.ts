import { describe, expect, it } from 'vitest';
import { parseTargetGroups } from './targetGroups';

describe('parseTargetGroups', () => {
  it('reads a file_sd JSON list', () => {
    expect(parseTargetGroups('[{"targets": ["a:1", "b:2"], "labels": {"env": "prod"}}, {"targets": ["c:3"]}]')).toEqual([
      { targets: ['a:1', 'b:2'], labels: { env: 'prod' } },
      { targets: ['c:3'], labels: {} },
    ]);
  });

  it('names the place of a wrong field', () => {
    expect(() => parseTargetGroups('[{"targets": ["a:1"], "label": {}}]')).toThrow('1:23: field label not found in type targetgroup.Group');
  });
});
