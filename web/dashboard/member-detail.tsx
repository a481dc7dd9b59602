import { RouteLink } from './dashboard-route';
import { RosterDownloadLinks } from '../session/roster-download-links';
import { fetchMemberDetail } from './registry-api';
import type { CommitmentDetail, MembershipDetail, ParticipantDetail } from './registry-types';
import { formatDate, KIND_LABEL, STATUS_LABEL } from './registry-wording';
import { SourceLinks } from './source-links';
import { ErrorNote, LoadingNote } from './status-notes';
import { useRegistryQuery } from './use-registry-query';
import './member-detail.css';

const COMMITMENT_STATUS_LABEL: Record<CommitmentDetail['status'], string> = {
  PLEDGED: 'Pledged',
  IN_PROGRESS: 'In progress',
  FULFILLED: 'Fulfilled',
  WITHDRAWN: 'Withdrawn',
};

function ParticipantFacts({ participant }: { participant: ParticipantDetail }) {
  return (
    <dl className="facts">
      <dt>Kind</dt>
      <dd>{KIND_LABEL[participant.kind]}</dd>
      <dt>Code</dt>
      <dd>{participant.code}</dd>
      {participant.officialName && (
        <>
          <dt>Official name</dt>
          <dd>{participant.officialName}</dd>
        </>
      )}
      {participant.region && (
        <>
          <dt>Region</dt>
          <dd>{[participant.region, participant.subregion].filter(Boolean).join(' · ')}</dd>
        </>
      )}
      {participant.aliases.length > 0 && (
        <>
          <dt>Also known as</dt>
          <dd>{participant.aliases.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

function MembershipRecord({ membership }: { membership: MembershipDetail }) {
  return (
    <>
      <p className="member-status">
        <span className="status-badge" data-status={membership.status}>
          {STATUS_LABEL[membership.status]}
        </span>{' '}
        since {formatDate(membership.statusSince, membership.statusSincePrecision)}
        {membership.role && <> · {membership.role}</>}
      </p>
      {membership.note && <p className="member-note">{membership.note}</p>}

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol className="history">
          {membership.history.map((event) => (
            <li key={event.id}>
              <p>
                <strong>{STATUS_LABEL[event.status]}</strong> —{' '}
                {formatDate(event.effectiveOn, event.effectiveOnPrecision)}
                {event.isAttested && (
                  <span className="hedge"> (the date a source shows it; it may have begun earlier)</span>
                )}
              </p>
              {event.note && <p className="history-note">{event.note}</p>}
              <p className="history-sources">
                <SourceLinks sources={event.sources} label="Sources" />
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="commitments-title">
        <h2 id="commitments-title">Commitments</h2>
        {membership.commitments.length === 0 ? (
          <p>No commitment on record.</p>
        ) : (
          <ul className="commitments">
            {membership.commitments.map((commitment) => (
              <li key={commitment.id}>
                <h3>{commitment.title}</h3>
                <p className="commitment-facts">
                  {COMMITMENT_STATUS_LABEL[commitment.status]} · made {commitment.isAttested ? 'no later than' : 'on'}{' '}
                  {formatDate(commitment.madeOn)}
                  {commitment.lineOfEffort && <> · {commitment.lineOfEffort.toLowerCase().replaceAll('_', ' ')}</>}
                </p>
                {commitment.description && <p>{commitment.description}</p>}
                {commitment.note && <p className="commitment-note">{commitment.note}</p>}
                <p>
                  <SourceLinks sources={commitment.sources} label="Sources" />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One participant's record in the coalition: its status, every change with its sources, and its commitments. */
export function MemberDetail({ slug, code }: { slug: string; code: string }) {
  const detail = useRegistryQuery((signal) => fetchMemberDetail(slug, code, signal), [slug, code]);
  const back = (
    <p className="back-link">
      <RouteLink to={{ coalition: slug, member: null }}>← All members</RouteLink>
    </p>
  );
  if (!detail.data) {
    return (
      <>
        {back}
        {detail.error ? <ErrorNote error={detail.error} /> : <LoadingNote what={`the record of ${code}`} />}
      </>
    );
  }
  const { participant, membership } = detail.data;
  return (
    <article className="member-detail" aria-labelledby="member-name">
      {back}
      <h1 id="member-name">{participant?.name ?? code}</h1>
      {!participant && <p>The registry knows no country or organisation with the code “{code}”.</p>}
      {participant && <ParticipantFacts participant={participant} />}
      {participant && !membership && (
        <p className="member-status">
          <span className="status-badge" data-status="NONE">
            Not named by any source
          </span>{' '}
          No source names {participant.name} as invited to or part of this coalition. It may still be among the reported
          headcounts.
        </p>
      )}
      {membership && <MembershipRecord membership={membership} />}
      <RosterDownloadLinks slug={slug} />
    </article>
  );
}
