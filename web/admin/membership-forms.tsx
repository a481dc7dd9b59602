import { useState } from 'react';
import { fetchMembership, write, type MembershipState } from './admin-api';
import { ChangedFields } from './changed-fields';
import { emptyToNull, RecordView, sourceOf, WriteForm, type FieldSpec } from './form-kit';
import { CurrentMembership, RecordLoader } from './record-loader';

export const MEMBERSHIP_STATUSES: Array<[string, string]> = [
  ['COMMITTED', 'Committed (participating)'],
  ['INVITED', 'Invited'],
  ['DECLINED', 'Declined'],
  ['WITHDRAWN', 'Withdrawn'],
];

const SOURCE_FIELDS: FieldSpec[] = [
  { name: 'sourceUrl', label: 'Source URL', type: 'url', argument: 'source.url' },
  { name: 'sourceTitle', label: 'Source title', argument: 'source.title' },
];

type Saved = Record<string, unknown>;

export function InviteForm({ coalition }: { coalition: string }) {
  return (
    <WriteForm<Saved>
      title="Invite a participant"
      submitLabel="Record invitation"
      fields={[
        { name: 'participant', label: 'Participant', isRequired: true },
        { name: 'invitedOn', label: 'Invited on', type: 'date', isRequired: true },
        ...SOURCE_FIELDS,
        { name: 'note', label: 'Note' },
      ]}
      submit={(values, key) =>
        write(
          'recordInvitation',
          {
            coalition,
            participant: values.participant,
            invitedOn: values.invitedOn,
            source: sourceOf(values),
            note: emptyToNull(values.note),
          },
          key,
        )
      }
      renderResult={(saved) => <RecordView record={saved} />}
    />
  );
}

/** What a membership looked like when the form showed it, against how it is now. */
export function MembershipChanges({ shown, current }: { shown: MembershipState; current: MembershipState | null }) {
  if (!current) return <p>The membership no longer exists.</p>;
  return (
    <div className="conflict">
      <ChangedFields noun="membership" shown={shown} current={current} fields={['status', 'statusSince', 'version']} />
    </div>
  );
}

export function ChangeStatusForm({ coalition }: { coalition: string }) {
  const [shown, setShown] = useState<MembershipState | null>(null);
  return (
    <WriteForm<Saved>
      title="Change a membership's status"
      submitLabel="Change status"
      initial={{ status: 'COMMITTED' }}
      fields={[
        { name: 'status', label: 'New status', type: 'select', options: MEMBERSHIP_STATUSES, isRequired: true },
        { name: 'effectiveOn', label: 'Effective on', type: 'date', isRequired: true },
        ...SOURCE_FIELDS.map((field) => ({ ...field, isRequired: true })),
        { name: 'note', label: 'Note' },
      ]}
      submit={async (values, key) => {
        if (!shown) throw new Error('Show the current record first');
        const saved = await write<Saved & MembershipState>(
          'changeMembershipStatus',
          {
            coalition,
            participant: shown.participant.code,
            status: values.status,
            effectiveOn: values.effectiveOn,
            expectedVersion: shown.version,
            source: sourceOf(values),
            note: emptyToNull(values.note),
          },
          key,
        );
        setShown((before) => (before ? { ...before, ...saved } : before));
        return saved;
      }}
      explainConflict={async () => {
        const current = shown && (await fetchMembership(coalition, shown.participant.code));
        return shown ? (
          <>
            <MembershipChanges shown={shown} current={current} />
            {current && <CurrentMembership membership={current} />}
            <button type="button" onClick={() => setShown(current)}>
              Reload the current record
            </button>
          </>
        ) : null;
      }}
      renderResult={(saved) => <RecordView record={saved} />}
    >
      <RecordLoader coalition={coalition} shown={shown} onShow={setShown} />
    </WriteForm>
  );
}
