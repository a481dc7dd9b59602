import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPEN_WITHOUT_KEY } from '../security/open-routes.js';
import { ADMIN_PAGE, DASHBOARD_PAGE, WebFiles } from './web-files.js';

/**
 * The dashboard at `/` and the admin console at `/admin` (both talk to the service only through
 * POST /graphql, like any other client), and the bundled assets of the pages under `/assets/`.
 * They open without a key even when reads are private: a browser cannot send one with a navigation,
 * the files are the same for everyone and hold no registry data, and the pages must load to ask for
 * the key they then send with every read.
 */
@Controller()
export class WebController {
  constructor(private readonly files: WebFiles) {}

  @Get()
  @RouteConfig(OPEN_WITHOUT_KEY)
  dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.files.sendPage(request, reply, DASHBOARD_PAGE);
  }

  /** The admin console: the same kind of bundle, writing through the same GraphQL API with an admin key. */
  @Get('admin')
  @RouteConfig(OPEN_WITHOUT_KEY)
  admin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.files.sendPage(request, reply, ADMIN_PAGE);
  }

  @Get('assets/:fileName')
  @RouteConfig(OPEN_WITHOUT_KEY)
  asset(
    @Param('fileName') fileName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.files.sendAsset(request, reply, fileName);
  }
}
