// Monaco's editor, JSON and GraphQL workers, bundled by Vite like the rest: nothing loads from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { authorizationHeaders, useApiKey } from '../session/api-key';
import { liveSocketUrl } from '../session/graphql-client';
import { SignIn } from '../session/sign-in';
import { EXAMPLE_OPERATIONS } from './example-operations';

// The explorer is served at the GraphQL endpoint itself, so it posts to the address it was loaded from,
// and runs subscriptions over graphql-ws on that same address. The toolkit sends the headers it is given
// as connection_init's payload too, so the key reaches the socket the same way.
const toolkitFetcher = createGraphiQLFetcher({
  url: window.location.pathname,
  subscriptionUrl: liveSocketUrl(new URL(window.location.pathname, window.location.href)),
});

/**
 * GraphiQL's fetcher, sending the signed-in key as Authorization with every request and subscription,
 * unless the Headers tab names an Authorization of its own: what the user typed there wins.
 */
function signedInFetcher(key: string | null): Fetcher {
  return (params, options) => {
    const typed = options?.headers ?? {};
    const isAuthorizationTyped = Object.keys(typed).some((name) => name.toLowerCase() === 'authorization');
    const headers = isAuthorizationTyped ? typed : { ...authorizationHeaders(key), ...typed };
    return toolkitFetcher(params, { ...options, headers });
  };
}

// A link such as /graphql?query={coalitions{name}} opens with that operation in a tab of its own.
// (Headers are never read from the address: a link must not be able to plant a key.)
const params = new URLSearchParams(window.location.search);
const linkedQuery = params.get('query') ?? undefined;
const linkedVariables = params.get('variables') ?? undefined;
const linkedTab = linkedQuery ? [{ query: linkedQuery, variables: linkedVariables ?? null }] : [];

function Explorer() {
  const key = useApiKey();
  // A new fetcher for a new key: GraphiQL then fetches the schema again, with the key (or without it).
  const fetcher = useMemo(() => signedInFetcher(key), [key]);
  return (
    <>
      <header className="explorer-header">
        <SignIn />
      </header>
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={[...linkedTab, ...EXAMPLE_OPERATIONS]}
        initialQuery={linkedQuery}
        initialVariables={linkedVariables}
        isHeadersEditorEnabled
        showPersistHeadersSettings
        defaultEditorToolsVisibility
      >
        <GraphiQL.Logo>
          <a className="explorer-home" href="./">
            Coalition registry
          </a>{' '}
          <span className="explorer-subtitle">GraphQL explorer</span>
        </GraphiQL.Logo>
        <GraphiQL.Footer>
          <p className="explorer-footer">
            Example tabs: a diplomat's question, the dashboard's query, and an admin mutation that{' '}
            <strong>needs an admin key</strong> (sign in with one above, or Headers tab:{' '}
            <code>{'{"Authorization": "Bearer <key>"}'}</code>, which wins over the signed-in key). Subscriptions run
            live: <code>{'subscription { registryChanged { kind ids } }'}</code>.
          </p>
        </GraphiQL.Footer>
      </GraphiQL>
    </>
  );
}

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
