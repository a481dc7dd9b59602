import { useEffect, useState } from 'react';
import { RosterDownloadLinks } from '../session/roster-download-links';
import { MemberRows, type MemberLine, type Sorting } from './member-rows';
import { fetchMembershipPage, searchMembers } from './registry-api';
import type { MembershipStatus, ParticipantKind } from './registry-types';
import { KIND_LABEL, STATUS_LABEL, STATUS_ORDER } from './registry-wording';
import { ErrorNote, LoadingNote } from './status-notes';
import { useRegistryQuery } from './use-registry-query';
import './member-table.css';

const PAGE_SIZES = [10, 25, 50, 100];
const SEARCH_DELAY_MS = 250;

interface Filters {
  status: MembershipStatus | '';
  kind: ParticipantKind | '';
  region: string;
}

/** Waits until the reader pauses typing, so the registry is not asked once per keystroke. */
function useSettledText(text: string): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(text.trim()), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return settled;
}

function FilterSelect<Value extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: Value | '';
  options: Array<[Value, string]>;
  onChange: (value: Value | '') => void;
}) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as Value | '')}>
        <option value="">Any</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The named roster as a table: sorted, filtered and paged by the API (`memberships(first, after,
 * orderBy, status, kind, region)`); or, while the search box has text, the participants that
 * `searchParticipants` finds, each with its membership or the plain fact that no source names it.
 */
export function MemberTable({ slug, regions, revision }: { slug: string; regions: string[]; revision: number }) {
  const [searchText, setSearchText] = useState('');
  const settledSearch = useSettledText(searchText);
  const [filters, setFilters] = useState<Filters>({ status: '', kind: '', region: '' });
  const [sorting, setSorting] = useState<Sorting>({ field: 'PARTICIPANT_NAME', direction: 'ASC' });
  const [pageSize, setPageSize] = useState(25);
  // The `after` cursor of every page up to the one shown, so "Previous" can go back.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors.at(-1) ?? null;
  const restart = () => setCursors([null]);
  const changeFilters = (next: Filters) => {
    setFilters(next);
    restart();
  };
  const changeSorting = (next: Sorting) => {
    setSorting(next);
    restart();
  };
  const changePageSize = (next: number) => {
    setPageSize(next);
    restart();
  };

  // Each answer carries the position of its first row, so the caption never describes another page.
  const firstRow = (cursors.length - 1) * pageSize + 1;
  const page = useRegistryQuery(
    async (signal) => {
      if (settledSearch) return undefined;
      const filter = {
        status: filters.status ? [filters.status] : null,
        kind: filters.kind || null,
        region: filters.region || null,
      };
      return {
        firstRow,
        ...(await fetchMembershipPage(slug, { first: pageSize, after, orderBy: sorting, ...filter }, signal)),
      };
    },
    [
      slug,
      revision,
      settledSearch,
      pageSize,
      after,
      sorting.field,
      sorting.direction,
      filters.status,
      filters.kind,
      filters.region,
    ],
  );
  const search = useRegistryQuery(
    (signal) => (settledSearch ? searchMembers(slug, settledSearch, signal) : Promise.resolve(undefined)),
    [slug, revision, settledSearch],
  );

  const error = settledSearch ? search.error : page.error;
  const isLoading = settledSearch ? search.isLoading : page.isLoading;
  let lines: MemberLine[] | undefined;
  let caption = '';
  if (settledSearch && search.data) {
    lines = search.data;
    caption = `${search.data.length} ${search.data.length === 1 ? 'participant matches' : 'participants match'} “${settledSearch}”, closest first`;
  } else if (!settledSearch && page.data) {
    lines = page.data.nodes.map((membership) => ({ participant: membership.participant, membership }));
    const { firstRow: first, totalCount } = page.data;
    caption = `Members ${lines.length ? `${first}–${first + lines.length - 1}` : '0'} of ${totalCount} on the named roster`;
  }

  return (
    <section className="panel members" aria-labelledby="members-title">
      <h2 id="members-title">Members named by a source</h2>
      <RosterDownloadLinks slug={slug} />
      <form className="member-controls" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="filter search">
          <span>Search any country or organisation</span>
          <input
            type="search"
            value={searchText}
            placeholder="e.g. China, Türkiye, EU"
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <fieldset className="filters" disabled={Boolean(settledSearch)}>
          <legend className="visually-hidden">Filter the roster</legend>
          <FilterSelect
            label="Status"
            value={filters.status}
            options={STATUS_ORDER.map((status) => [status, STATUS_LABEL[status]])}
            onChange={(status) => changeFilters({ ...filters, status })}
          />
          <FilterSelect
            label="Kind"
            value={filters.kind}
            options={(Object.keys(KIND_LABEL) as ParticipantKind[]).map((kind) => [kind, KIND_LABEL[kind]])}
            onChange={(kind) => changeFilters({ ...filters, kind })}
          />
          <FilterSelect
            label="Region"
            value={filters.region}
            options={regions.map((region) => [region, region])}
            onChange={(region) => changeFilters({ ...filters, region })}
          />
        </fieldset>
      </form>
      {error && <ErrorNote error={error} />}
      {isLoading && !lines && <LoadingNote what="the members" />}
      {lines && (
        <MemberRows
          slug={slug}
          caption={caption}
          lines={lines}
          isBusy={isLoading}
          sorting={settledSearch ? null : sorting}
          onSort={changeSorting}
        />
      )}
      {!settledSearch && page.data && (
        <nav className="pager" aria-label="Member pages">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </button>
          <button
            type="button"
            disabled={!page.data.pageInfo.hasNextPage}
            onClick={() => setCursors([...cursors, page.data!.pageInfo.endCursor])}
          >
            Next page
          </button>
          <label className="filter">
            <span>Per page</span>
            <select value={pageSize} onChange={(event) => changePageSize(Number(event.target.value))}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </section>
  );
}
