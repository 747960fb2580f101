// The build plugin that puts everything the popup imports statically into one chunk.
import { describe, expect, it } from 'vitest';
import { firstPaintChunk } from './vite-first-paint-chunk';

type Graph = Record<string, string[]>;
type Group = { name: string; test: (id: string) => boolean };

/** Runs the plugin's hooks as the bundler would, over a fake module graph. */
function groupFor(graph: Graph, format = 'es'): Group | undefined {
  const plugin = firstPaintChunk(/entrypoints\/popup\/index\.html$/, 'popup-first');
  const outputOptions = plugin.outputOptions as unknown as (o: Record<string, unknown>) => Record<string, unknown>;
  // Rolldown asks for the output options before the graph is known; the group's test is called later.
  const out = outputOptions({ format });
  const buildEnd = plugin.buildEnd as unknown as (this: unknown) => void;
  buildEnd.call({
    getModuleIds: () => Object.keys(graph)[Symbol.iterator](),
    getModuleInfo: (id: string) => ({ importedIds: graph[id] ?? [] }),
  });
  return (out.codeSplitting as { groups: Group[] } | undefined)?.groups[0];
}

const GRAPH: Graph = {
  '/p/entrypoints/popup/index.html': ['/p/entrypoints/popup/main.tsx'],
  '/p/entrypoints/popup/main.tsx': ['/p/components/App.tsx', '/p/utils/pure/a.ts'],
  '/p/components/App.tsx': ['/p/utils/pure/a.ts', '/p/node_modules/preact/dist/preact.mjs'],
  '/p/utils/pure/a.ts': [],
  '/p/node_modules/preact/dist/preact.mjs': [],
  '/p/entrypoints/options/index.html': ['/p/entrypoints/options/main.tsx'],
  '/p/entrypoints/options/main.tsx': ['/p/components/Options.tsx', '/p/utils/pure/a.ts'],
  '/p/components/Options.tsx': [],
};

describe('first-paint chunk', () => {
  it("groups every module the popup reaches statically, but not the page's own entry scripts", () => {
    const group = groupFor(GRAPH)!;
    expect(group.name).toBe('popup-first');
    for (const id of ['/p/components/App.tsx', '/p/utils/pure/a.ts', '/p/node_modules/preact/dist/preact.mjs']) expect(group.test(id), id).toBe(true);
    for (const id of ['/p/entrypoints/popup/main.tsx', '/p/entrypoints/popup/index.html']) expect(group.test(id), id).toBe(false);
  });

  it('leaves out what only another page imports', () => {
    const group = groupFor(GRAPH)!;
    expect(group.test('/p/components/Options.tsx')).toBe(false);
    expect(group.test('/p/entrypoints/options/main.tsx')).toBe(false);
  });

  it('touches only the pages’ ES build (the background is built apart), and only at build', () => {
    expect(groupFor(GRAPH, 'iife')).toBeUndefined();
    expect(firstPaintChunk(/x/, 'y').apply).toBe('build');
  });
});
