import { useId, useState } from 'react';
import { RegistryRequestError } from '../session/graphql-client';
import { fetchMembership, type MembershipState } from './admin-api';

/**
 * Picks the membership a form is about and shows it as it stands: what the form shows is what its
 * expectedVersion says the writer saw.
 */
export function RecordLoader({
  coalition,
  shown,
  onShow,
}: {
  coalition: string;
  shown: MembershipState | null;
  onShow(membership: MembershipState | null): void;
}) {
  const id = useId();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function show() {
    setProblem(null);
    try {
      const found = await fetchMembership(coalition, code.trim());
      if (!found) setProblem(`No membership of ${code.trim()} in this coalition.`);
      onShow(found);
    } catch (error) {
      setProblem(error instanceof RegistryRequestError ? error.message : String(error));
      onShow(null);
    }
  }

  return (
    <div className="record-loader">
      <div className="form-field">
        <label htmlFor={id}>Participant</label>
        <input
          id={id}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-describedby={problem ? `${id}-problem` : undefined}
          aria-invalid={problem ? true : undefined}
        />
        {problem && (
          <p id={`${id}-problem`} className="field-problem">
            {problem}
          </p>
        )}
      </div>
      <button type="button" onClick={() => void show()}>
        Show current record
      </button>
      {shown && <CurrentMembership membership={shown} />}
    </div>
  );
}

export function CurrentMembership({ membership }: { membership: MembershipState }) {
  return (
    <p className="current-record" data-testid="current-membership">
      {membership.participant.name}: <strong>{membership.status}</strong> since {membership.statusSince} (version{' '}
      {membership.version})
    </p>
  );
}
