import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { parseCalendarDate } from '../common/calendar-date.js';
import { DomainError, Unauthenticated, type ErrorCode } from '../common/domain-errors.js';
import type { RequestLike } from '../common/graphql-context.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sendRefusal } from '../security/refusal.js';
import { rosterCsv } from './roster-csv.js';
import { RosterDownloadService, type RosterDownload } from './roster-download.service.js';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * A coalition's roster as a file for spreadsheets and briefing notes: `roster.csv` and `roster.json`,
 * now or `?asOf=YYYY-MM-DD`. Read under the same rule as GraphQL reads: public unless
 * REQUIRE_AUTH_FOR_READS, and a key that is sent must be live either way.
 */
@Controller('coalitions/:slug')
export class RosterDownloadsController {
  constructor(
    private readonly rosters: RosterDownloadService,
    private readonly apiKeys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('roster.csv')
  csv(
    @Param('slug') slug: string,
    @Query('asOf') asOf: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.answer(request, reply, slug, asOf, (roster) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(roster, 'csv')}"`)
        .send(rosterCsv(roster)),
    );
  }

  @Get('roster.json')
  json(
    @Param('slug') slug: string,
    @Query('asOf') asOf: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.answer(request, reply, slug, asOf, (roster) =>
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(roster, 'json')}"`)
        .send(roster),
    );
  }

  private async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    asOf: string | undefined,
    send: (roster: RosterDownload) => FastifyReply,
  ): Promise<FastifyReply> {
    try {
      const caller = await this.apiKeys.callerOf(request as unknown as RequestLike);
      if (!caller && this.config.requireAuthForReads) {
        throw new Unauthenticated('This roster needs an API key: send Authorization: Bearer <key>');
      }
      const date = asOf === undefined ? null : parseCalendarDate(asOf, 'asOf');
      const roster = await this.rosters.roster(slug, date);
      // A private roster must not be kept by a shared cache; a public one is revalidated like the pages.
      reply.header('cache-control', caller ? 'private, no-store' : 'no-cache');
      return send(roster);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendRefusal(reply, HTTP_STATUS[error.code] ?? 400, error);
    }
  }
}

function fileName(roster: RosterDownload, extension: string): string {
  return `${roster.coalition}-roster${roster.asOf ? `-${roster.asOf}` : ''}.${extension}`;
}
