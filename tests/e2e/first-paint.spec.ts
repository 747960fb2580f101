import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, addPortal, expect, signIn, test } from './fixtures';

/** `/chunks/popup-first-BGni1tXs.js` → `popup-first.js`: the name without the build hash. */
const unhashed = (file: string) => path.basename(file).replace(/-[\w-]{8}(\.\w+)$/, '$1');

// The popup's opening path, checked by what it fetches (timings are for `npm run bench`).
test.describe('what the popup loads to open', () => {
  test('one script chunk and one stylesheet before the first render; the options page does not run the popup', async ({ context, portal, openPage }) => {
    const html = readFileSync(path.join(EXTENSION_DIR, 'popup.html'), 'utf8');
    const chunks = [...html.matchAll(/(?:src|href)="(\/chunks\/[^"]+\.js)"/g)].map((m) => unhashed(m[1]!));
    // The entry, rolldown's small interop runtime, and the chunk scripts/vite-first-paint-chunk.ts makes.
    expect(chunks.sort()).toEqual(['popup-first.js', 'popup.js', 'rolldown-runtime.js']);
    expect(html.match(/rel="stylesheet"/g)).toHaveLength(1);

    await signIn(context, portal.url);
    const options = await addPortal(openPage, portal.url);
    // The options page imports the shared chunk, but the popup's own script stays out of it.
    await expect(options.locator('main.popup')).toHaveCount(0);

    const popup = await context.newPage();
    const fetched: string[] = [];
    popup.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await popup.goto(options.url().replace('options.html', `popup.html#portal=${portal.url}`));
    await expect(popup.getByTestId('schedule-off')).toBeVisible();
    const names = fetched.filter((f) => /\.(js|css)$/.test(f)).map(unhashed);
    // No zod: the background checks stored values and its own answers (storage-guard.ts, router.ts).
    // The failure wording and the editor do not come at all.
    expect(names.sort()).toEqual(['popup-first.css', 'popup-first.js', 'popup.js', 'rolldown-runtime.js']);
  });
});
