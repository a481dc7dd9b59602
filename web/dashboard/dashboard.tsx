import { useEffect, useRef } from 'react';
import { CoalitionView } from './coalition-view';
import { NavigateProvider, useDashboardRoute } from './dashboard-route';
import { MemberDetail } from './member-detail';
import { fetchCoalitions } from './registry-api';
import type { CoalitionSummary } from './registry-types';
import { ErrorNote, LoadingNote } from './status-notes';
import { useRegistryQuery } from './use-registry-query';
import { useApiKey } from '../session/api-key';
import { RegistryRequestError } from '../session/graphql-client';
import { SignIn } from '../session/sign-in';

function CoalitionPicker({
  coalitions,
  current,
  onPick,
}: {
  coalitions: CoalitionSummary[];
  current: string;
  onPick: (slug: string) => void;
}) {
  return (
    <label className="coalition-picker">
      <span>Coalition</span>
      <select value={current} onChange={(event) => onPick(event.target.value)}>
        {coalitions.map((coalition) => (
          <option key={coalition.slug} value={coalition.slug}>
            {coalition.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The page itself, read again from the start whenever the signed-in key changes. */
export function Dashboard() {
  const key = useApiKey();
  return <DashboardFor key={key ?? 'anonymous'} />;
}

const needsKey = (error: Error | undefined) =>
  error instanceof RegistryRequestError && error.code === 'UNAUTHENTICATED';

/** The whole page: a coalition's overview, or one member's record; a picker when there are several coalitions. */
function DashboardFor() {
  const [route, navigate] = useDashboardRoute();
  const coalitions = useRegistryQuery((signal) => fetchCoalitions(signal), []);
  const main = useRef<HTMLElement>(null);
  const slug = route.coalition ?? coalitions.data?.[0]?.slug ?? null;

  // A keyboard or screen-reader user lands on the new view, not on the link they just left.
  const isFirstView = useRef(true);
  useEffect(() => {
    if (isFirstView.current) {
      isFirstView.current = false;
      return;
    }
    main.current?.focus();
  }, [route.coalition, route.member]);

  return (
    <NavigateProvider navigate={navigate}>
      <header className="site-header">
        <p className="site-name">Coalition registry</p>
        {coalitions.data && coalitions.data.length > 1 && slug && (
          <CoalitionPicker
            coalitions={coalitions.data}
            current={slug}
            onPick={(picked) => navigate({ coalition: picked, member: null })}
          />
        )}
        <nav aria-label="Other views">
          <a href="graphql">GraphQL explorer</a> <a href="admin">Admin console</a>
        </nav>
        <SignIn />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {needsKey(coalitions.error) && (
          <p className="sign-in-needed" role="alert">
            Reads on this registry need an API key: sign in above.
          </p>
        )}
        {coalitions.error && !needsKey(coalitions.error) && <ErrorNote error={coalitions.error} />}
        {!coalitions.data && !coalitions.error && <LoadingNote what="the coalitions" />}
        {coalitions.data?.length === 0 && <p>The registry holds no coalition yet.</p>}
        {slug && route.member && <MemberDetail slug={slug} code={route.member} />}
        {slug && !route.member && <CoalitionView key={slug} slug={slug} />}
      </main>
      <footer className="site-footer">
        <p>
          Every number and name on this page comes from the registry's public GraphQL API, with the sources that attest
          it. Reported headcounts are kept apart from the members a source names.
        </p>
      </footer>
    </NavigateProvider>
  );
}
