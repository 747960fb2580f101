// A build-time Vite plugin: the extension never uses `dangerouslySetInnerHTML`,
// so Preact's only `innerHTML` assignment (the code path that renders it) is
// replaced by a throw. addons.mozilla.org's linter flags that assignment as
// UNSAFE_VAR_ASSIGNMENT; removing it makes the bundle honestly free of it.
//
// Safe because:
// - our own code may not use `dangerouslySetInnerHTML`: the plugin fails the
//   build if any project module mentions it;
// - if some dependency ever passed it, rendering throws loudly instead of
//   silently dropping content;
// - the build fails if Preact's code no longer has exactly the expected
//   assignment (a Preact upgrade must be looked at, not silently skipped).
import type { Plugin } from 'vite';

/** Preact's dist (preact.mjs): `t.innerHTML=h.__html` inside diffElementNodes. */
const ASSIGNMENT = /\b([A-Za-z_$][\w$]*)\.innerHTML\s*=\s*([A-Za-z_$][\w$]*)\.__html\b/g;
const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(mjs|module\.js|js)(\?.*)?$/;
const OWN_SOURCE = /\.(tsx?|jsx?|mjs)(\?.*)?$/;
const MESSAGE = 'dangerouslySetInnerHTML is disabled in this extension (see scripts/vite-no-inner-html.ts)';

export function neutralisePreactInnerHtml(code: string): string {
  const found = code.match(ASSIGNMENT) ?? [];
  if (found.length !== 1) {
    throw new Error(`Expected exactly one "x.innerHTML = y.__html" in Preact, found ${found.length}: update scripts/vite-no-inner-html.ts`);
  }
  return code.replace(ASSIGNMENT, `(()=>{throw new Error(${JSON.stringify(MESSAGE)})})()`);
}

export function noInnerHtml(): Plugin {
  return {
    name: 'docspace-backup:no-inner-html',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (PREACT.test(id)) return { code: neutralisePreactInnerHtml(code), map: null };
      if (!id.includes('node_modules') && OWN_SOURCE.test(id) && code.includes('dangerouslySetInnerHTML')) {
        this.error(`${id} uses dangerouslySetInnerHTML, which this extension does not allow (see scripts/vite-no-inner-html.ts)`);
      }
      return undefined;
    },
  };
}
