import { useEffect, useId, useState, type FormEvent } from 'react';
import { fetchAuditPage, type AuditEntry, type AuditFilter } from './admin-api';

const NO_FILTER: AuditFilter = { actor: '', operation: '', since: '', until: '' };

/** Every recorded write, newest first, filtered by who, what and when, twenty a page. */
export function AuditLog() {
  const headingId = useId();
  const [draft, setDraft] = useState<AuditFilter>(NO_FILTER);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<Awaited<ReturnType<typeof fetchAuditPage>> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    fetchAuditPage(filter, cursors.at(-1) ?? null).then(
      (found) => isCurrent && (setPage(found), setProblem(null)),
      (error: Error) => isCurrent && setProblem(error.message),
    );
    return () => {
      isCurrent = false;
    };
  }, [filter, cursors]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilter(draft);
    setCursors([null]);
  }

  const field = (name: keyof AuditFilter, label: string, type = 'text') => (
    <div className="form-field">
      <label htmlFor={`${headingId}-${name}`}>{label}</label>
      <input
        id={`${headingId}-${name}`}
        type={type}
        value={draft[name]}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <section className="audit-log" aria-labelledby={headingId}>
      <h2 id={headingId}>Audit log</h2>
      <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
        {field('actor', 'Actor (key name)')}
        {field('operation', 'Operation')}
        {field('since', 'From (date)', 'date')}
        {field('until', 'To (date)', 'date')}
        <button type="submit">Filter</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {page && (
        <>
          <table className="audit-table">
            <caption>
              {page.totalCount} {page.totalCount === 1 ? 'entry' : 'entries'}, page {cursors.length}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Operation</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((entry: AuditEntry) => (
                <tr key={entry.id}>
                  <td>{entry.at}</td>
                  <td>
                    {entry.actor} ({entry.role.toLowerCase()})
                  </td>
                  <td>{entry.operation}</td>
                  <td className="audit-after">{JSON.stringify(entry.after)?.slice(0, 200)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Audit log pages">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous page
            </button>
            <button
              type="button"
              disabled={!page.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, page.pageInfo.endCursor])}
            >
              Next page
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
