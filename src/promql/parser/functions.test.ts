import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from './functions';

describe('FUNCTIONS', () => {
  it.each([
    ['rate', ['matrix'], 0, 'vector'],
    ['quantile_over_time', ['scalar', 'matrix'], 0, 'vector'],
    ['round', ['vector', 'scalar'], 1, 'vector'],
    ['label_join', ['vector', 'string', 'string', 'string'], -1, 'vector'],
    ['hour', ['vector'], 1, 'vector'],
    ['time', [], 0, 'scalar'],
    ['scalar', ['vector'], 0, 'scalar'],
    ['histogram_quantile', ['scalar', 'vector'], 0, 'vector'],
  ])('%s takes %j (variadic %d) and returns %s', (name, argTypes, variadic, returnType) => {
    expect(FUNCTIONS.get(name)).toMatchObject({ argTypes, variadic, returnType });
  });

  it('lists the functions of Prometheus 3, experimental ones marked', () => {
    expect(FUNCTIONS.size).toBe(90);
    expect(FUNCTIONS.get('double_exponential_smoothing')?.experimental).toBe(true);
    expect(FUNCTIONS.get('rate')?.experimental).toBe(false);
  });
});
