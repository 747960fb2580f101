import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Where code runs, by folder (README, "How it is built"). Each zone lists the folders it must not
// import from; a regex sees both `@/utils/…` and relative specifiers.
const folder = (name, where) => ({ regex: `(^|/)(utils/)?${name}(/|$)`, message: `${where}` });
const toComponents = { regex: '(^|/)components(/|$)', message: 'Components are views of the pages.' };
const browserApi = [
  { regex: '^#imports$', message: 'Pure code touches no browser API.' },
  { regex: '^(wxt/browser|webextension-polyfill|@wxt-dev/)', message: 'Pure code touches no browser API.' },
];
const noBackground = folder('background', 'Background-only code: send a message instead.');
const noPages = folder('pages', 'Page-only code (DOM, sending messages) does not run in the background.');
const noExtension = folder('extension', 'Pure code may import only pure code.');
const zone = (files, patterns, restrictedGlobals = []) => ({
  files,
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-globals': ['error', ...restrictedGlobals],
  },
});
const dom = ['document', 'window', 'localStorage', 'sessionStorage'].map((name) => ({ name, message: 'No DOM here: this code also runs in the background.' }));
const browserGlobals = ['browser', 'chrome', 'fetch'].map((name) => ({ name, message: 'Pure code touches no browser API.' }));

export const runtimeZones = [
  zone(['utils/pure/**'], [noBackground, noPages, noExtension, toComponents, ...browserApi], [...dom, ...browserGlobals]),
  zone(['utils/extension/**'], [noBackground, noPages, toComponents], dom),
  zone(['utils/background/**', 'entrypoints/background.ts'], [noPages, toComponents], dom),
  zone(['utils/pages/**', 'components/**', 'entrypoints/popup/**', 'entrypoints/options/**'], [noBackground]),
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/', '.portal-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...runtimeZones,
  {
    // CLI tools and tests print on purpose.
    files: ['scripts/**', 'tests/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
