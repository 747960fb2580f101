import { describe, expect, it } from 'vitest';
import { addMessages } from './messages';

describe('addMessages (npm run messages)', () => {
  it('adds plain and placeholder entries, numbering placeholders in order', () => {
    const out = addMessages({ a: { message: 'A' } }, { b: 'B', c: ['Hi $NAME$, $N$ left', ['name', 'n']] });
    expect(out).toEqual({
      a: { message: 'A' },
      b: { message: 'B' },
      c: { message: 'Hi $NAME$, $N$ left', placeholders: { name: { content: '$1' }, n: { content: '$2' } } },
    });
  });

  it('replaces an existing key where it stands', () => {
    const out = addMessages({ a: { message: 'A' }, b: { message: 'B' } }, { a: 'A2' });
    expect(Object.keys(out)).toEqual(['a', 'b']);
    expect(out.a).toEqual({ message: 'A2' });
  });

  it('refuses an entry of the wrong shape, naming the key', () => {
    expect(() => addMessages({}, { x: 3 })).toThrow(/^x:/);
    expect(() => addMessages({}, { x: ['text'] })).toThrow(/^x:/);
  });
});
