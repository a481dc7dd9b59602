import { RouteLink } from './dashboard-route';
import type { MembershipOrderField, MembershipRow, OrderDirection, ParticipantSummary } from './registry-types';
import { formatDate, KIND_LABEL, STATUS_LABEL } from './registry-wording';
import { SourceLinks } from './source-links';

export interface MemberLine {
  participant: ParticipantSummary;
  /** Null for a search match that no source names as invited to or part of the coalition. */
  membership: MembershipRow | null;
}

export interface Sorting {
  field: MembershipOrderField;
  direction: OrderDirection;
}

const COLUMNS: Array<{ label: string; field?: MembershipOrderField }> = [
  { label: 'Member', field: 'PARTICIPANT_NAME' },
  { label: 'Code', field: 'PARTICIPANT_CODE' },
  { label: 'Kind and region' },
  { label: 'Status', field: 'STATUS' },
  { label: 'Since', field: 'STATUS_SINCE' },
  { label: 'Source' },
];

function SortableHeader({
  label,
  field,
  sorting,
  onSort,
}: {
  label: string;
  field: MembershipOrderField;
  sorting: Sorting;
  onSort: (sorting: Sorting) => void;
}) {
  const isActive = sorting.field === field;
  const nextDirection: OrderDirection = isActive && sorting.direction === 'ASC' ? 'DESC' : 'ASC';
  return (
    <th scope="col" aria-sort={isActive ? (sorting.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort({ field, direction: nextDirection })}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {isActive ? (sorting.direction === 'ASC' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function MemberCells({ slug, line }: { slug: string; line: MemberLine }) {
  const { participant, membership } = line;
  const latest = membership?.history.at(-1);
  return (
    <tr data-status={membership?.status ?? 'NONE'}>
      <th scope="row">
        <RouteLink to={{ coalition: slug, member: participant.code }}>{participant.name}</RouteLink>
        {membership?.role && <span className="role"> ({membership.role})</span>}
      </th>
      <td data-label="Code">{participant.code}</td>
      <td data-label="Kind">
        {KIND_LABEL[participant.kind]}
        {participant.region && <span className="region"> · {participant.region}</span>}
      </td>
      <td data-label="Status">
        {membership ? (
          <span className="status-badge" data-status={membership.status}>
            {STATUS_LABEL[membership.status]}
          </span>
        ) : (
          <span className="status-badge" data-status="NONE">
            Not named by any source
          </span>
        )}
      </td>
      <td className="since" data-label="Since">
        {membership ? formatDate(membership.statusSince, membership.statusSincePrecision) : '—'}
      </td>
      <td data-label="Source">{latest ? <SourceLinks sources={latest.sources} /> : '—'}</td>
    </tr>
  );
}

/** The member table itself: real table headers, and sort buttons in them when sorting applies. */
export function MemberRows(props: {
  slug: string;
  caption: string;
  lines: MemberLine[];
  isBusy: boolean;
  sorting: Sorting | null;
  onSort: (sorting: Sorting) => void;
}) {
  const { slug, caption, lines, isBusy, sorting, onSort } = props;
  return (
    <div className="table-scroll" role="region" aria-label={caption} aria-busy={isBusy} tabIndex={0}>
      <table className="member-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) =>
              column.field && sorting ? (
                <SortableHeader
                  key={column.label}
                  label={column.label}
                  field={column.field}
                  sorting={sorting}
                  onSort={onSort}
                />
              ) : (
                <th key={column.label} scope="col">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <MemberCells key={line.participant.code} slug={slug} line={line} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
