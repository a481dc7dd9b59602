import type { MouseEvent } from 'react';
import { authorizationHeaders, currentApiKey } from './api-key';

/**
 * Links to the roster as CSV and JSON. Without a key they are plain links; with one, a click fetches
 * the file with the key in the Authorization header and saves it, so the key never goes in a URL.
 */
export function RosterDownloadLinks({ slug, asOf }: { slug: string; asOf?: string | null }) {
  const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  const href = (extension: string) => `coalitions/${encodeURIComponent(slug)}/roster.${extension}${query}`;
  return (
    <p className="roster-downloads">
      Download the roster: <DownloadLink href={href('csv')} label="CSV (spreadsheets)" />,{' '}
      <DownloadLink href={href('json')} label="JSON" />
    </p>
  );
}

function DownloadLink({ href, label }: { href: string; label: string }) {
  async function downloadWithKey(event: MouseEvent<HTMLAnchorElement>) {
    const key = currentApiKey();
    if (!key) return;
    event.preventDefault();
    const response = await fetch(new URL(href, document.baseURI), { headers: authorizationHeaders(key) });
    if (!response.ok) return;
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? href.split('/').pop()!;
    const url = URL.createObjectURL(await response.blob());
    const save = document.createElement('a');
    save.href = url;
    save.download = name;
    save.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return (
    <a href={href} download onClick={(event) => void downloadWithKey(event)}>
      {label}
    </a>
  );
}
