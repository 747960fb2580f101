// A build-time Vite plugin: everything a page imports statically goes into one
// chunk, so the browser fetches one script before the first render instead of
// the eight small chunks that sharing with the options page and the lazy panels
// would otherwise cut it into. Extension files come from disk one at a time,
// and each costs a few milliseconds of the popup's opening on a slow machine.
// Lazy chunks (editor, history) are unaffected; pages that share modules with
// this one import them from this chunk.
import type { Plugin } from 'vite';

export function firstPaintChunk(entry: RegExp, name: string): Plugin {
  const members = new Set<string>();
  return {
    name: 'first-paint-chunk',
    apply: 'build',
    buildEnd() {
      members.clear();
      const start = [...this.getModuleIds()].filter((id) => entry.test(id));
      const queue = [...start];
      while (queue.length) {
        const id = queue.pop()!;
        if (members.has(id)) continue;
        members.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      // The page's own script stays in its entry chunk: it renders on load, and
      // another page importing this chunk must not run it.
      for (const id of members) if (/[\\/]entrypoints[\\/]/.test(id)) members.delete(id);
    },
    outputOptions(options) {
      // Only the pages' ES build: the background is built apart, as one file.
      // Rolldown asks for the output options before the module graph is known;
      // `test` is called later, once buildEnd has filled `members`.
      if (options.format !== 'es') return options;
      return { ...options, codeSplitting: { groups: [{ name, test: (id: string) => members.has(id) }] } };
    },
  };
}
