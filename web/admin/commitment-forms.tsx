import { useState } from 'react';
import { fetchMembership, write, type CommitmentState, type MembershipState } from './admin-api';
import { ChangedFields } from './changed-fields';
import { emptyToNull, RecordView, sourceOf, WriteForm } from './form-kit';
import { RecordLoader } from './record-loader';

const LINES_OF_EFFORT: Array<[string, string]> = [
  ['', 'All lines of effort'],
  ['DETECT_EMERGING_THREATS', 'Detect emerging threats'],
  ['PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING', 'Prevent illicit manufacture and trafficking'],
  ['PUBLIC_HEALTH_RESPONSE', 'Public health response'],
];

const COMMITMENT_STATUSES: Array<[string, string]> = [
  ['PLEDGED', 'Pledged'],
  ['IN_PROGRESS', 'In progress'],
  ['FULFILLED', 'Fulfilled'],
  ['WITHDRAWN', 'Withdrawn'],
];

type Saved = Record<string, unknown>;

export function RecordCommitmentForm({ coalition }: { coalition: string }) {
  return (
    <WriteForm<Saved>
      title="Record a commitment"
      submitLabel="Record commitment"
      fields={[
        { name: 'participant', label: 'Participant', isRequired: true },
        { name: 'title', label: 'Title', isRequired: true },
        { name: 'lineOfEffort', label: 'Line of effort', type: 'select', options: LINES_OF_EFFORT },
        { name: 'madeOn', label: 'Made on', type: 'date', isRequired: true },
        { name: 'sourceUrl', label: 'Source URL', type: 'url', argument: 'source.url', isRequired: true },
        { name: 'sourceTitle', label: 'Source title', argument: 'source.title', isRequired: true },
      ]}
      submit={(values, key) =>
        write(
          'recordCommitment',
          {
            coalition,
            participant: values.participant,
            title: values.title,
            lineOfEffort: emptyToNull(values.lineOfEffort),
            madeOn: values.madeOn,
            source: sourceOf(values) ?? { title: '' },
          },
          key,
        )
      }
      renderResult={(saved) => <RecordView record={saved} />}
    />
  );
}

function CommitmentChanges({ shown, current }: { shown: CommitmentState; current: CommitmentState | undefined }) {
  if (!current) return <p>The commitment is no longer on this member&apos;s record.</p>;
  return (
    <div className="conflict">
      <ChangedFields noun="commitment" shown={shown} current={current} fields={['status', 'title', 'version']} />
      <p data-testid="current-commitment">
        Now: {current.title}, <strong>{current.status}</strong> (version {current.version})
      </p>
    </div>
  );
}

export function UpdateCommitmentForm({ coalition }: { coalition: string }) {
  const [membership, setMembership] = useState<MembershipState | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const commitments = membership?.commitments ?? [];
  const shown = commitments.find((commitment) => commitment.id === chosen) ?? commitments[0];
  return (
    <WriteForm<Saved>
      title="Update a commitment's status"
      submitLabel="Update commitment"
      initial={{ status: 'IN_PROGRESS' }}
      fields={[
        { name: 'status', label: 'New status', type: 'select', options: COMMITMENT_STATUSES, isRequired: true },
        { name: 'sourceUrl', label: 'Source URL', type: 'url', argument: 'source.url', isRequired: true },
        { name: 'sourceTitle', label: 'Source title', argument: 'source.title', isRequired: true },
        { name: 'note', label: 'Note' },
      ]}
      submit={async (values, key) => {
        if (!shown) throw new Error('Show a member with a commitment first');
        const saved = await write<Saved & CommitmentState>(
          'updateCommitmentStatus',
          {
            id: shown.id,
            status: values.status,
            expectedVersion: shown.version,
            source: sourceOf(values),
            note: emptyToNull(values.note),
          },
          key,
        );
        setMembership((before) =>
          before
            ? { ...before, commitments: before.commitments.map((c) => (c.id === saved.id ? { ...c, ...saved } : c)) }
            : before,
        );
        return saved;
      }}
      explainConflict={async () => {
        if (!membership || !shown) return null;
        const current = await fetchMembership(coalition, membership.participant.code);
        return (
          <>
            <CommitmentChanges shown={shown} current={current?.commitments.find((c) => c.id === shown.id)} />
            <button type="button" onClick={() => setMembership(current)}>
              Reload the current record
            </button>
          </>
        );
      }}
      renderResult={(saved) => <RecordView record={saved} />}
    >
      <RecordLoader coalition={coalition} shown={membership} onShow={setMembership} />
      {membership && commitments.length === 0 && <p>This member has no commitment on record.</p>}
      {commitments.length > 0 && (
        <div className="form-field">
          <label htmlFor="commitment-choice">Commitment</label>
          <select id="commitment-choice" value={shown?.id ?? ''} onChange={(event) => setChosen(event.target.value)}>
            {commitments.map((commitment) => (
              <option key={commitment.id} value={commitment.id}>
                {commitment.title} ({commitment.status}, version {commitment.version})
              </option>
            ))}
          </select>
        </div>
      )}
    </WriteForm>
  );
}
