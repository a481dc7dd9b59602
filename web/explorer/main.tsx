// Monaco's editor, JSON and GraphQL workers, bundled by Vite like the rest: nothing loads from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { liveSocketUrl } from '../session/graphql-client';
import { EXAMPLE_OPERATIONS } from './example-operations';

// The explorer is served at the GraphQL endpoint itself, so it posts to the address it was loaded from,
// and runs subscriptions over graphql-ws on that same address. The toolkit sends the Headers tab as
// connection_init's payload, so a key given there as "Authorization" reaches the socket too.
const fetcher = createGraphiQLFetcher({
  url: window.location.pathname,
  subscriptionUrl: liveSocketUrl(new URL(window.location.pathname, window.location.href)),
});

// A link such as /graphql?query={coalitions{name}} opens with that operation in a tab of its own.
// (Headers are never read from the address: a link must not be able to plant a key.)
const params = new URLSearchParams(window.location.search);
const linkedQuery = params.get('query') ?? undefined;
const linkedVariables = params.get('variables') ?? undefined;
const linkedTab = linkedQuery ? [{ query: linkedQuery, variables: linkedVariables ?? null }] : [];

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
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
          <strong>needs an admin key</strong> (Headers tab: <code>{'{"Authorization": "Bearer <key>"}'}</code>).
          Subscriptions run live: <code>{'subscription { registryChanged { kind ids } }'}</code>.
        </p>
      </GraphiQL.Footer>
    </GraphiQL>
  </StrictMode>,
);
