/**
 * What a CONFLICT explains: the fields of a record that changed since the form showed it, each with
 * the value the form showed and the value now.
 */
export function ChangedFields<Row extends object>({
  noun,
  shown,
  current,
  fields,
}: {
  noun: string;
  shown: Row;
  current: Row;
  fields: ReadonlyArray<keyof Row & string>;
}) {
  const changed = fields.filter((field) => shown[field] !== current[field]);
  return (
    <>
      <p>Since you opened this form, someone changed this {noun}:</p>
      <ul>
        {changed.map((field) => (
          <li key={field}>
            {field}: {String(shown[field])} → {String(current[field])}
          </li>
        ))}
      </ul>
    </>
  );
}
