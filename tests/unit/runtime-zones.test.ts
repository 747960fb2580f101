import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The lint rule that keeps each folder to the runtime its name says (eslint.config.js).
// Snippets are linted as if they lived at the given path, with the project's own config.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('runtime folders', () => {
  it.each([
    ['utils/pure/x.ts', "import { portalsItem } from '../extension/portal-list';\nexport const a = portalsItem;"],
    ['utils/pure/schedule/x.ts', "import { clientFor } from '../../background/session';\nexport const a = clientFor;"],
    ['utils/pure/x.ts', "import { browser } from '#imports';\nexport const a = browser;"],
    ['utils/pure/x.ts', 'export const a = () => document.title;'],
    ['utils/pure/x.ts', "export const a = () => fetch('/');"],
    ['utils/extension/x.ts', "import { send } from '../pages/send';\nexport const a = send;"],
    ['utils/extension/x.ts', 'export const a = () => window.location.href;'],
    ['utils/background/x.ts', "import { send } from '@/utils/pages/send';\nexport const a = send;"],
    ['utils/background/x.ts', "import { PopupApp } from '@/components/PopupApp';\nexport const a = PopupApp;"],
    ['components/X.tsx', "import { clientFor } from '@/utils/background/session';\nexport const a = clientFor;"],
    ['utils/pages/x.ts', "import { clientFor } from '../background/session';\nexport const a = clientFor;"],
    ['entrypoints/popup/x.ts', "import { clientFor } from '@/utils/background/session';\nexport const a = clientFor;"],
  ])('%s: rejects %s', async (filePath, code) => {
    expect(await restricted(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['utils/pure/x.ts', "import { parsePortalOrigin } from './portals/origin';\nexport const a = parsePortalOrigin;"],
    ['utils/extension/x.ts', "import { parsePortalOrigin } from '../pure/portals/origin';\nexport const a = parsePortalOrigin;"],
    ['utils/background/x.ts', "import { portalsItem } from '../extension/portal-list';\nexport const a = portalsItem;"],
    ['components/X.tsx', "import { send } from '@/utils/pages/send';\nexport const a = () => [send, document.title];"],
  ])('%s: allows %s', async (filePath, code) => {
    expect(await restricted(filePath, code)).toEqual([]);
  });

});
