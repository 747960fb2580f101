// The build plugin that takes Preact's innerHTML assignment out of the bundle
// (addons.mozilla.org's UNSAFE_VAR_ASSIGNMENT), see vite-no-inner-html.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { neutralisePreactInnerHtml, noInnerHtml } from './vite-no-inner-html';

const preactDist = createRequire(import.meta.url).resolve('preact');

type Transform = (this: { error(message: string): never }, code: string, id: string) => { code: string } | undefined;
const transform = noInnerHtml().transform as Transform;
const ctx = {
  error(message: string): never {
    throw new Error(message);
  },
};

describe('no innerHTML in the bundle', () => {
  it("replaces Preact's single innerHTML assignment by a throw, and nothing else", () => {
    const code = readFileSync(preactDist, 'utf8');
    const out = neutralisePreactInnerHtml(code);
    expect(out).not.toMatch(/\.innerHTML\s*=[^=]/);
    expect(out).toContain('dangerouslySetInnerHTML is disabled in this extension');
    // Reading innerHTML (to compare) stays; only the write is gone.
    expect(out.length - code.length).toBeLessThan(200);
  });

  it('fails loudly when Preact changes shape (none or several assignments)', () => {
    expect(() => neutralisePreactInnerHtml('function x(){}')).toThrow(/found 0/);
    expect(() => neutralisePreactInnerHtml('a.innerHTML=b.__html;c.innerHTML=d.__html')).toThrow(/found 2/);
  });

  it('is applied to the Preact dist file by the plugin, and only at build', () => {
    expect(noInnerHtml().apply).toBe('build');
    const out = transform.call(ctx, 'x.innerHTML=h.__html', '/p/node_modules/preact/dist/preact.mjs');
    expect(out?.code).not.toContain('innerHTML=');
    expect(transform.call(ctx, 'x.innerHTML=h.__html', '/p/node_modules/other/index.js')).toBeUndefined();
  });

  it("refuses the project's own code that uses dangerouslySetInnerHTML", () => {
    expect(() => transform.call(ctx, 'h("div", { dangerouslySetInnerHTML: { __html: s } })', '/p/components/X.tsx')).toThrow(
      /does not allow/,
    );
    expect(transform.call(ctx, 'h("div", null, s)', '/p/components/X.tsx')).toBeUndefined();
  });
});
