import type { SourceLink } from './registry-types';

/** "On whose word": each source as a link when it has an address, as plain text when it is print only. */
export function SourceLinks({ sources, label = 'Source' }: { sources: SourceLink[]; label?: string }) {
  if (sources.length === 0) return <span className="no-source">no source</span>;
  return (
    <span className="source-links">
      <span className="visually-hidden">{label}: </span>
      {sources.map((source, index) => (
        <span key={`${source.title}-${index}`} className="source-link">
          {source.url ? (
            <a href={source.url} rel="noreferrer noopener" target="_blank" title={source.publisher ?? undefined}>
              {source.title}
            </a>
          ) : (
            <cite>{source.title}</cite>
          )}
        </span>
      ))}
    </span>
  );
}
