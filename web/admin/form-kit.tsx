import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { RegistryRequestError } from '../session/graphql-client';

export type Values = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'url' | 'textarea' | 'select';
  options?: Array<[value: string, label: string]>;
  isRequired?: boolean;
  /** The argument the API names when it refuses this field (e.g. "source.url"); the name by default. */
  argument?: string;
}

/** A fresh Idempotency-Key: one per intended write, so a repeated submit of it writes once. */
// getRandomValues, unlike randomUUID, also works on a page served over plain http behind a proxy.
const newIdempotencyKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The argument an error names, as the form's fields name it (`input.source.url` → `source.url`). */
const argumentOf = (error: RegistryRequestError) => error.errors[0]?.extensions?.argument?.replace(/^input\./, '');

export interface WriteFormProps<Result> {
  title: string;
  fields: FieldSpec[];
  initial?: Values;
  submitLabel: string;
  /** Sends the write with this Idempotency-Key. */
  submit(values: Values, idempotencyKey: string): Promise<Result>;
  renderResult(result: Result): ReactNode;
  /** What changed since the form was opened, with a way to reload it; shown on CONFLICT. */
  explainConflict?(): Promise<ReactNode>;
  /** Shown between the heading and the fields: the record the form is about. */
  children?: ReactNode;
  /** Called as fields change, so a form can react (load a record for a participant). */
  onValues?(values: Values): void;
}

/**
 * A write form: a heading, labelled fields, one button. Each intended write has its own
 * Idempotency-Key (kept across a double click, renewed when a field changes or after a success);
 * BAD_USER_INPUT is shown next to the field it names, CONFLICT with what changed, success with the
 * record as saved.
 */
export function WriteForm<Result>(props: WriteFormProps<Result>) {
  const headingId = useId();
  const [values, setValues] = useState<Values>(() => ({ ...props.initial }));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ReactNode>(null);
  const [result, setResult] = useState<{ value: Result } | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const isInFlight = useRef(false);

  function change(name: string, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    idempotencyKey.current = newIdempotencyKey();
    props.onValues?.(next);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    // A second click while the first is on its way sends nothing; were it sent, its key would replay the first.
    if (isInFlight.current) return;
    isInFlight.current = true;
    setIsSubmitting(true);
    setFieldErrors({});
    setFormError(null);
    setConflict(null);
    try {
      const saved = await props.submit(values, idempotencyKey.current);
      setResult({ value: saved });
      idempotencyKey.current = newIdempotencyKey();
    } catch (error) {
      setResult(null);
      await showError(error);
    } finally {
      isInFlight.current = false;
      setIsSubmitting(false);
    }
  }

  async function showError(error: unknown) {
    if (!(error instanceof RegistryRequestError)) {
      setFormError(`The registry could not be reached: ${String(error)}`);
      return;
    }
    const message = error.errors[0]?.message ?? error.message;
    if (error.code === 'BAD_USER_INPUT') {
      const argument = argumentOf(error);
      const field = props.fields.find((spec) => (spec.argument ?? spec.name) === argument);
      if (field) {
        setFieldErrors({ [field.name]: message });
        return;
      }
    }
    if (error.code === 'CONFLICT' && props.explainConflict) {
      setFormError(message);
      setConflict(await props.explainConflict());
      return;
    }
    setFormError(message);
  }

  return (
    <form className="write-form" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
      <h2 id={headingId}>{props.title}</h2>
      {props.children}
      {props.fields.map((spec) => (
        <FormField
          key={spec.name}
          spec={spec}
          value={values[spec.name] ?? ''}
          problem={fieldErrors[spec.name]}
          onChange={(value) => change(spec.name, value)}
        />
      ))}
      <button type="submit" disabled={isSubmitting}>
        {props.submitLabel}
      </button>
      {formError && (
        <div className="form-problem" role="alert">
          <p>{formError}</p>
          {conflict}
        </div>
      )}
      {result && (
        <div className="form-success" role="status">
          <p>Saved. The record now reads:</p>
          {props.renderResult(result.value)}
        </div>
      )}
    </form>
  );
}

function FormField({
  spec,
  value,
  problem,
  onChange,
}: {
  spec: FieldSpec;
  value: string;
  problem?: string;
  onChange(value: string): void;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  const common = {
    id,
    name: spec.name,
    value,
    required: spec.isRequired,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? problemId : undefined,
  };
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {spec.label}
        {!spec.isRequired && <span className="optional"> (optional)</span>}
      </label>
      {spec.type === 'textarea' ? (
        <textarea {...common} rows={8} onChange={(event) => onChange(event.target.value)} />
      ) : spec.type === 'select' ? (
        <select {...common} onChange={(event) => onChange(event.target.value)}>
          {(spec.options ?? []).map(([option, label]) => (
            <option key={option} value={option}>
              {label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={spec.type ?? 'text'} onChange={(event) => onChange(event.target.value)} />
      )}
      {problem && (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A saved record, field by field (nested values as text). */
export function RecordView({ record }: { record: Record<string, unknown> }) {
  return (
    <dl className="record-view">
      {Object.entries(record).map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{typeof value === 'object' && value !== null ? describe(value) : String(value ?? '—')}</dd>
        </div>
      ))}
    </dl>
  );
}

function describe(value: object): string {
  if (Array.isArray(value)) return value.map((item) => describe(item)).join('; ');
  return Object.values(value)
    .map((item) => (typeof item === 'object' && item !== null ? describe(item) : String(item ?? '—')))
    .join(' ');
}

/** A source from two fields, or nothing when both are empty. */
export function sourceOf(values: Values): { url?: string; title: string } | null {
  const url = values.sourceUrl?.trim();
  const title = values.sourceTitle?.trim() ?? '';
  if (!url && !title) return null;
  return { title, ...(url ? { url } : {}) };
}

export const emptyToNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);
