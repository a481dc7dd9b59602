import { useId, useRef, useState, type FormEvent } from 'react';
import { RegistryRequestError } from '../session/graphql-client';
import { write } from './admin-api';

interface ImportReport {
  isDryRun: boolean;
  isApplied: boolean;
  created: number;
  changed: number;
  unchanged: number;
  lines: Array<{ line: number; participant: string; outcome: string; message: string | null }>;
}

const OUTCOME_WORDS: Record<string, string> = {
  NEW: 'would be added',
  CHANGE: 'would change',
  NO_CHANGE: 'no change',
  ERROR: 'error',
};

const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Paste or choose a roster CSV, see what each line would do, then apply exactly what was checked. */
export function RosterImportForm({ coalition }: { coalition: string }) {
  const headingId = useId();
  const fieldId = useId();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const applyKey = useRef(newKey());

  async function run(dryRun: boolean) {
    if (isBusy) return;
    setIsBusy(true);
    setProblem(null);
    try {
      const result = await write<ImportReport>(
        'importRoster',
        { coalition, csv, dryRun },
        dryRun ? newKey() : applyKey.current,
      );
      setReport(result);
      const isClean = result.lines.every((line) => line.outcome !== 'ERROR');
      setChecked(dryRun && isClean ? csv : null);
      if (!dryRun) applyKey.current = newKey();
    } catch (error) {
      setReport(null);
      setProblem(error instanceof RegistryRequestError ? error.message : String(error));
    } finally {
      setIsBusy(false);
    }
  }

  async function choose(file: File | undefined) {
    if (!file) return;
    setCsv(await file.text());
    setChecked(null);
  }

  return (
    <form
      className="write-form"
      aria-labelledby={headingId}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void run(true);
      }}
    >
      <h2 id={headingId}>Import a roster</h2>
      <p>
        CSV with the header <code>participant,status,date,source_url,source_title,note</code>. Check it first; apply
        writes every line or none.
      </p>
      <div className="form-field">
        <label htmlFor={`${fieldId}-file`}>Roster file</label>
        <input
          id={`${fieldId}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      <div className="form-field">
        <label htmlFor={fieldId}>Roster CSV</label>
        <textarea
          id={fieldId}
          rows={8}
          value={csv}
          onChange={(event) => {
            setCsv(event.target.value);
            setChecked(null);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${fieldId}-problem` : undefined}
        />
        {problem && (
          <p id={`${fieldId}-problem`} className="field-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      <button type="submit" disabled={isBusy}>
        Check (dry run)
      </button>{' '}
      <button type="button" disabled={isBusy || checked === null || checked !== csv} onClick={() => void run(false)}>
        Apply
      </button>
      {report && <ImportReportView report={report} />}
    </form>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const summary = report.isApplied
    ? `Applied: ${report.created} new, ${report.changed} changed, ${report.unchanged} unchanged.`
    : report.isDryRun && report.lines.every((line) => line.outcome !== 'ERROR')
      ? `Dry run, nothing written: ${report.created} would be added, ${report.changed} would change, ${report.unchanged} unchanged.`
      : 'Nothing was written: fix the lines marked error and check again.';
  return (
    <div className="import-report" role="status">
      <p>{summary}</p>
      <table>
        <caption className="visually-hidden">What each line of the roster does</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Participant</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((line) => (
            <tr key={line.line} data-outcome={line.outcome}>
              <td>{line.line}</td>
              <td>{line.participant}</td>
              <td>{report.isApplied ? line.outcome.toLowerCase().replace('_', ' ') : OUTCOME_WORDS[line.outcome]}</td>
              <td>{line.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
