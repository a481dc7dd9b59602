import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { EXPLORER_PAGE, WEB_BUILD_DIR } from './web-files.js';

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Explorer not built</title>
<p>The GraphQL explorer has not been built. Run <code>npm run build</code>, then reload.</p></html>`;

/**
 * GraphiQL, from the service's own bundle, as Apollo's landing page: Apollo shows it only to a GET
 * that prefers text/html (a browser), so POST and GET-with-query from other clients work as before.
 * Apollo's default landing page would load its code from the internet, so it shows nothing on a
 * closed network.
 */
export function explorerLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      const html = await readFile(path.join(WEB_BUILD_DIR, EXPLORER_PAGE), 'utf8').catch(() => NOT_BUILT);
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
