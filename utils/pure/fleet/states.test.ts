import { describe, expect, it } from 'vitest';
import { worst } from '../health/rules';
import { HEALTH_STATES } from '../health/states';
import { STATES_WORST_FIRST } from './states';

describe('STATES_WORST_FIRST', () => {
  it('lists every state once, in the order rules.ts ranks them', () => {
    expect([...STATES_WORST_FIRST].sort()).toEqual([...HEALTH_STATES].sort());
    for (let i = 1; i < STATES_WORST_FIRST.length; i++) {
      expect(worst([STATES_WORST_FIRST[i]!, STATES_WORST_FIRST[i - 1]!])).toBe(STATES_WORST_FIRST[i - 1]);
    }
  });
});
