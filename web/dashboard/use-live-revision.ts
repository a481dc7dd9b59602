import { createClient } from 'graphql-ws';
import { useEffect, useState } from 'react';
import { authorizationHeaders } from '../session/api-key';
import { liveSocketUrl } from '../session/graphql-client';
import { DASHBOARD_SUBSCRIPTIONS } from './registry-operations';

/** How the page learns of changes: a live socket, or (when it cannot open) asking again now and then. */
export type LiveMode = 'connecting' | 'live' | 'polling';

const POLL_MS = 30_000;

/**
 * A number that goes up whenever the coalition changes (a write through any instance): the page's
 * queries list it among their inputs, so the figures, the map, the chart and the table read again by
 * themselves. It follows `registryChanged` over graphql-ws; when the socket cannot open (a proxy that
 * refuses WebSockets, live updates turned off), it goes up every POLL_MS instead.
 */
export function useLiveRevision(slug: string): { revision: number; mode: LiveMode } {
  const [revision, setRevision] = useState(0);
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(() => {
    let poll: number | undefined;
    const fallBack = () => {
      setMode('polling');
      if (poll === undefined) poll = window.setInterval(() => setRevision((value) => value + 1), POLL_MS);
    };
    const client = createClient({
      url: liveSocketUrl(new URL('graphql', document.baseURI)),
      // Where reads are private the socket needs the key too, in connection_init (never in the address).
      connectionParams: () => authorizationHeaders(),
      retryAttempts: 3,
      on: {
        connected: () => {
          window.clearInterval(poll);
          poll = undefined;
          setMode('live');
          // Changes may have landed while the socket was closed.
          setRevision((value) => value + 1);
        },
        closed: fallBack,
      },
    });
    const stop = client.subscribe(
      { query: DASHBOARD_SUBSCRIPTIONS.DashboardChanges, variables: { c: slug } },
      { next: () => setRevision((value) => value + 1), error: fallBack, complete: () => undefined },
    );
    return () => {
      stop();
      window.clearInterval(poll);
      void client.dispose();
    };
  }, [slug]);
  return { revision, mode };
}

/** The mark beside the coalition's name: whether the page follows changes live. */
export function liveMarkText(mode: LiveMode): string {
  if (mode === 'live') return 'Live';
  if (mode === 'polling') return 'Updates every 30 s';
  return 'Connecting…';
}
