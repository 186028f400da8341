import { createApp } from '../../src/adapters/http/app.ts';
import { parseMime } from '../../src/adapters/mail-in/parse-mime.ts';
import type { Harness } from './harness.ts';

export type ApiCall = (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;

/**
 * The HTTP app over a harness, open to `tokens`, and `call`: a request with `token` as its bearer
 * and, given `json`, that body as JSON.
 */
export function apiOf(h: Harness, token: string, tokens: readonly string[] = [token]) {
  const app = createApp({
    deps: () => h.deps,
    apiTokens: () => [...tokens],
    parse: parseMime,
    mailbox: h.mailbox,
  });
  const call: ApiCall = async (path, init = {}) =>
    app.request(path, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  return { app, call };
}
