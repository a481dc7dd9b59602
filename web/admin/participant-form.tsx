import { write } from './admin-api';
import { emptyToNull, RecordView, WriteForm } from './form-kit';

/** Organisations are added by hand; every ISO country is known to the registry already. */
export function AddParticipantForm() {
  return (
    <WriteForm<Record<string, unknown>>
      title="Add a participant"
      submitLabel="Add participant"
      initial={{ kind: 'INTERNATIONAL_ORGANIZATION' }}
      fields={[
        {
          name: 'kind',
          label: 'Kind',
          type: 'select',
          options: [['INTERNATIONAL_ORGANIZATION', 'International organisation']],
          isRequired: true,
        },
        { name: 'code', label: 'Code (acronym)', isRequired: true },
        { name: 'name', label: 'Name', isRequired: true },
        { name: 'website', label: 'Website', type: 'url' },
      ]}
      submit={(values, key) =>
        write(
          'addParticipant',
          { kind: values.kind, code: values.code, name: values.name, website: emptyToNull(values.website) },
          key,
        )
      }
      renderResult={(saved) => <RecordView record={saved} />}
    />
  );
}
