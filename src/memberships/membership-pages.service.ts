import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { InvalidInput } from '../common/domain-errors.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import { SelectionPlanCache } from '../common/selection-plan-cache.js';
import { checkPageSize, decodeCursor, encodeCursor, toConnection, type Connection } from '../common/pagination.js';
import type { RequestLoaders } from '../common/request-loaders.js';
import type { ParticipantKind } from '../participants/participant-kind.js';
import { ParticipantsService } from '../participants/participants.service.js';
import type { MembershipStatus } from './membership-status.js';
import { MembershipPagesRepository } from './membership-pages.repository.js';
import { pageHistoryJson } from './history-projection.js';
import { toMembership } from './membership.repository.js';
import { MembershipOrderField, OrderDirection, type Membership, type MembershipOrder } from './membership.model.js';
import {
  planLookup,
  planPage,
  WHOLE_ROWS,
  type EmbeddableField,
  type PagePlan,
  type PlannedEmbed,
} from './membership-page-plan.js';

export interface MembershipPageRequest {
  coalitionId: string;
  status?: MembershipStatus[] | null;
  kind?: ParticipantKind | null;
  region?: string | null;
  first?: number;
  after?: string | null;
  orderBy?: MembershipOrder | null;
  asOf?: string | null;
  /** False when the caller did not ask for totalCount: the count query is then skipped. */
  isTotalNeeded?: boolean;
}

/** A page reads its memberships' history itself, only the event fields its query selects. */
const HISTORY_ON_PAGE: EmbeddableField = {
  field: 'history',
  jsonSql: ({ args, subfields, namesUnder }) =>
    pageHistoryJson(subfields, args.includeRetracted === true, namesUnder('sources')),
};

/** The page joins its participants anyway (to filter and sort): their views come with each row. */
const PARTICIPANT_ON_PAGE: EmbeddableField = {
  field: 'participant',
  fromRead: (read) => read.participant,
};

@Injectable()
export class MembershipPagesService {
  private readonly embeddable = new Map<string, EmbeddableField>(
    [HISTORY_ON_PAGE, PARTICIPANT_ON_PAGE].map((field) => [field.field, field]),
  );
  private readonly pagePlans = new SelectionPlanCache<PagePlan>();
  private readonly lookupPlans = new SelectionPlanCache<PlannedEmbed[]>();

  constructor(
    private readonly pages: MembershipPagesRepository,
    private readonly participants: ParticipantsService,
  ) {}

  /**
   * Lets a feature that adds a field to Membership (commitments) have pages read it in their own
   * statement; this module cannot import that feature, which depends on it.
   */
  embed(field: EmbeddableField): void {
    this.embeddable.set(field.field, field);
  }

  /** What the page field being resolved asks: the columns its statement reads, the fields it answers. */
  plan(info: GraphQLResolveInfo): PagePlan {
    return this.pagePlans.planOf(info, () => planPage(info, this.embeddable));
  }

  /** What the `membership` lookup being resolved asks that its statement can read with it. */
  planLookup(info: GraphQLResolveInfo): PlannedEmbed[] {
    return this.lookupPlans.planOf(info, () => planLookup(info, this.embeddable));
  }

  /**
   * A Relay page of a coalition's memberships, filtered and ordered, with keyset cursors. The page
   * query joins the participants anyway (to filter and sort), so it reads them too: a page's
   * participants cost no statement of their own, and whole ones prime the request's participant loader.
   * Without a plan (a download) the rows are read whole.
   */
  async page(
    request: MembershipPageRequest,
    loaders: RequestLoaders,
    plan: PagePlan = WHOLE_ROWS,
  ): Promise<Connection<Membership>> {
    const { embeds } = plan;
    const size = checkPageSize(request.first, 50);
    const field = request.orderBy?.field ?? MembershipOrderField.PARTICIPANT_NAME;
    const direction = request.orderBy?.direction ?? OrderDirection.ASC;
    const cursorKind = `membership:${field}:${direction}`;
    const asOf = request.asOf ?? null;
    if (request.region != null && request.region.length > INPUT_LIMITS.region) {
      throw new InvalidInput('region', `region must be at most ${INPUT_LIMITS.region} characters`);
    }
    let after: { key: string; id: string } | null = null;
    if (request.after) {
      const [key, id] = decodeCursor(request.after, cursorKind, 2);
      if (key === null || id === null || !/^[0-9a-f-]{36}$/.test(id)) {
        throw new InvalidInput('after', 'after is not a cursor this list handed out');
      }
      after = { key, id };
    }
    const { rows, total } = await this.pages.page(
      {
        coalitionId: request.coalitionId,
        asOf,
        status: request.status,
        kind: request.kind,
        region: request.region?.trim(),
        field,
        direction,
        after,
        limit: size + 1,
      },
      request.isTotalNeeded !== false,
      {
        membershipFields: plan.membershipFields,
        participantFields: plan.participantFields,
        embeds: embeds.flatMap((embed) => (embed.sql ? [embed.sql] : [])),
      },
    );
    const participantOf = this.participants.fromPage(
      loaders,
      rows.map((row) => [row.id, row.participant]),
      plan.participantFields,
    );
    // The repository names the embedded columns e0, e1... in the order of the embeds that read SQL.
    let sqlColumns = 0;
    const columns = embeds.map((embed) => (embed.sql ? `e${sqlColumns++}` : ''));
    return toConnection(
      rows,
      size,
      total,
      Boolean(request.after),
      (row) => encodeCursor(cursorKind, [row.sort_key, row.id]),
      (row) => {
        const membership = toMembership(row, asOf);
        if (embeds.length > 0) {
          const read = { participant: participantOf.get(row.id)! };
          membership.embedded = new Map(
            embeds.map((embed, position) => [embed.responseKey, embed.fromJson(row[columns[position]!], read)]),
          );
        }
        return membership;
      },
    );
  }
}
