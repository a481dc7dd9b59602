/** What the page says while it waits for the registry, or when the registry could not answer. */

export function LoadingNote({ what }: { what: string }) {
  return (
    <p className="loading-note" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error: Error }) {
  return (
    <p className="error-note" role="alert">
      The registry could not answer: {error.message}
    </p>
  );
}
