import { useEffect, useState } from 'react';
import { useApiKey } from '../session/api-key';
import type { Viewer } from '../session/graphql-client';
import { SignIn } from '../session/sign-in';
import { fetchCoalitionSlugs } from './admin-api';
import { AuditLog } from './audit-log';
import { RecordCommitmentForm, UpdateCommitmentForm } from './commitment-forms';
import { ChangeStatusForm, InviteForm } from './membership-forms';
import { AddParticipantForm } from './participant-form';
import { RosterImportForm } from './roster-import-form';

/** The admin console: sign in with an admin key, then one form per kind of write, the import and the audit log. */
export function Console() {
  const key = useApiKey();
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [coalitions, setCoalitions] = useState<Array<{ slug: string; name: string }>>([]);
  const [coalition, setCoalition] = useState<string>('');

  useEffect(() => {
    if (!viewer) return;
    fetchCoalitionSlugs().then(
      (found) => {
        setCoalitions(found);
        setCoalition((current) => current || found[0]?.slug || '');
      },
      () => setCoalitions([]),
    );
  }, [viewer]);

  return (
    <>
      <header className="site-header">
        <p className="site-name">Coalition registry: admin console</p>
        <nav aria-label="Other views">
          <a href="./">Dashboard</a> <a href="graphql">GraphQL explorer</a>
        </nav>
        <SignIn onViewer={setViewer} />
      </header>
      <main id="main" tabIndex={-1}>
        <h1>Admin console</h1>
        {!key && (
          <p>Sign in with an admin API key to record facts. Every write is audited under the key&apos;s name.</p>
        )}
        {viewer?.role === 'VIEWER' && (
          <p role="alert">This is a viewer key: it can read, but the console&apos;s writes need an admin key.</p>
        )}
        {viewer?.role === 'ADMIN' && coalition && (
          <div key={`${viewer.name}:${coalition}`}>
            {coalitions.length > 1 && (
              <p>
                <label>
                  Coalition{' '}
                  <select value={coalition} onChange={(event) => setCoalition(event.target.value)}>
                    {coalitions.map((option) => (
                      <option key={option.slug} value={option.slug}>
                        {option.name}
                      </option>
                    ))}
                  </select>
                </label>
              </p>
            )}
            <div className="console-forms">
              <InviteForm coalition={coalition} />
              <ChangeStatusForm coalition={coalition} />
              <RecordCommitmentForm coalition={coalition} />
              <UpdateCommitmentForm coalition={coalition} />
              <AddParticipantForm />
              <RosterImportForm coalition={coalition} />
            </div>
            <AuditLog />
          </div>
        )}
      </main>
    </>
  );
}
