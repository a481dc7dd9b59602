import { Controller, Get, Req, Res } from '@nestjs/common';
import { RouteConfig, RouteConstraints } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPEN_WITHOUT_KEY } from '../security/open-routes.js';
import { FOR_A_PAGE_REQUEST } from './page-request.constraint.js';
import { EXPLORER_PAGE, WebFiles } from './web-files.js';

/**
 * The GraphQL explorer (GraphiQL, from the service's own bundle) at the GraphQL endpoint itself, for a
 * browser's page request only: a GET that prefers text/html. Every other request at /graphql, a GraphQL
 * read by GET included, goes to GraphQL as before. Like the other pages it opens without a key when
 * reads are private, and signs in to send one; a read sent by GET still needs its key.
 */
@Controller()
export class ExplorerController {
  constructor(private readonly files: WebFiles) {}

  @Get('graphql')
  @RouteConstraints(FOR_A_PAGE_REQUEST)
  @RouteConfig(OPEN_WITHOUT_KEY)
  explorer(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.files.sendPage(request, reply, EXPLORER_PAGE);
  }
}
