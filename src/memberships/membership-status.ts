import { registerEnumType } from '@nestjs/graphql';
import { TransitionNotAllowed } from '../common/domain-errors.js';

export enum MembershipStatus {
  /** Invited, not (yet) participating. */
  INVITED = 'INVITED',
  /** Committed to take part: a participating member. */
  COMMITTED = 'COMMITTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description:
    'Where a membership stands. It begins INVITED; INVITED may become COMMITTED or DECLINED, COMMITTED may become WITHDRAWN, and DECLINED or WITHDRAWN may be invited again.',
  valuesMap: {
    INVITED: { description: 'Invited, not participating.' },
    COMMITTED: { description: 'Committed to take part: a participating member.' },
    DECLINED: { description: 'Declined the invitation.' },
    WITHDRAWN: { description: 'Was a member, and withdrew.' },
  },
});

/**
 * The membership state machine: the one place that says which status may follow which.
 * An invitation creates INVITED; a declined or withdrawn participant may be invited again.
 */
const ALLOWED_NEXT: Record<MembershipStatus, readonly MembershipStatus[]> = {
  [MembershipStatus.INVITED]: [MembershipStatus.COMMITTED, MembershipStatus.DECLINED],
  [MembershipStatus.COMMITTED]: [MembershipStatus.WITHDRAWN],
  [MembershipStatus.DECLINED]: [MembershipStatus.INVITED],
  [MembershipStatus.WITHDRAWN]: [MembershipStatus.INVITED],
};

export function canTransition(from: MembershipStatus, to: MembershipStatus): boolean {
  return ALLOWED_NEXT[from].includes(to);
}

export function assertTransition(from: MembershipStatus, to: MembershipStatus): void {
  if (!canTransition(from, to)) {
    const allowed = ALLOWED_NEXT[from].join(' or ');
    throw new TransitionNotAllowed(
      `A membership cannot go from ${from} to ${to}; from ${from} it may go to ${allowed}`,
      {
        from,
        to,
      },
    );
  }
}

/** Only a committed member participates; an invitation alone is not participation. */
export function isParticipating(status: MembershipStatus): boolean {
  return status === MembershipStatus.COMMITTED;
}

export const ALL_MEMBERSHIP_STATUSES = Object.values(MembershipStatus);
