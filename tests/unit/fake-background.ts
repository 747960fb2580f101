import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Reply, Request } from '@/utils/pure/messages/protocol';

/**
 * Answers the page's messages with `answer` instead of a background, and
 * returns the list of requests sent, in order. Undo with vi.restoreAllMocks().
 */
export function fakeBackground(answer: (request: Request) => Reply | Promise<Reply>): Request[] {
  const sent: Request[] = [];
  const reply = async (request: unknown) => {
    sent.push(request as Request);
    return answer(request as Request);
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(reply as typeof fakeBrowser.runtime.sendMessage);
  return sent;
}
