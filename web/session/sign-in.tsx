import { useEffect, useId, useState, type FormEvent } from 'react';
import { forgetApiKey, rememberApiKey, useApiKey } from './api-key';
import { fetchViewer, type Viewer } from './graphql-client';
import './sign-in.css';

const ROLE_WORDS: Record<Viewer['role'], string> = { VIEWER: 'viewer', ADMIN: 'admin' };

/**
 * Sign-in with an API key, or who is signed in and "Sign out". The key is checked with the `viewer`
 * query before it is kept, and only ever kept in this tab's sessionStorage.
 */
export function SignIn({ onViewer }: { onViewer?: (viewer: Viewer | null) => void }) {
  const key = useApiKey();
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const fieldId = useId();

  useEffect(() => {
    if (!key) {
      setViewer(null);
      onViewer?.(null);
      return;
    }
    let isCurrent = true;
    fetchViewer(key).then(
      (found) => {
        if (!isCurrent) return;
        setViewer(found);
        onViewer?.(found);
      },
      () => {
        // The key was revoked since: forget it rather than send it with every request.
        if (isCurrent) forgetApiKey();
      },
    );
    return () => {
      isCurrent = false;
    };
    // onViewer is the parent's callback; only a new key means a new viewer.
  }, [key]);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    const candidate = draft.trim();
    if (!candidate) {
      setProblem('Enter an API key.');
      return;
    }
    setIsChecking(true);
    try {
      const found = await fetchViewer(candidate);
      if (!found) throw new Error('no viewer');
      setDraft('');
      setProblem(null);
      rememberApiKey(candidate);
    } catch {
      setProblem('That is not a live API key.');
    } finally {
      setIsChecking(false);
    }
  }

  if (key && viewer) {
    return (
      <div className="sign-in signed-in">
        <p>
          Signed in as <strong data-testid="viewer-name">{viewer.name}</strong> (
          <span data-testid="viewer-role">{ROLE_WORDS[viewer.role]}</span>)
        </p>
        <button type="button" onClick={forgetApiKey}>
          Sign out
        </button>
      </div>
    );
  }
  return (
    <form className="sign-in" onSubmit={signIn} aria-label="Sign in">
      <label htmlFor={fieldId}>API key</label>
      <input
        id={fieldId}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${fieldId}-problem` : undefined}
      />
      <button type="submit" disabled={isChecking}>
        Sign in
      </button>
      {problem && (
        <p id={`${fieldId}-problem`} className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
