import { describe, expect, it } from 'vitest';
import { npmScripts, STEPS } from './test';

describe('npm test', () => {
  const scripts = npmScripts();

  it('runs only npm scripts that exist', () => {
    for (const [, script] of STEPS) expect(scripts, script).toHaveProperty(script);
  });

  it('builds each extension before the step that uses it', () => {
    const at = (script: string) => STEPS.findIndex(([, s]) => s === script);
    expect(at('build:e2e')).toBeLessThan(at('test:e2e'));
    expect(at('build:firefox-e2e')).toBeLessThan(at('test:firefox:run'));
    expect(at('build:firefox')).toBeLessThan(at('lint:firefox:run'));
    expect(at('zip')).toBeLessThan(at('check:zips'));
  });

  it('keeps the combined scripts made of the same steps', () => {
    expect(scripts['test:firefox']).toBe('npm run build:firefox-e2e && npm run test:firefox:run');
    expect(scripts['lint:firefox']).toBe('npm run build:firefox && npm run lint:firefox:run');
  });
});
