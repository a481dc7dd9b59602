import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_PAGE, DASHBOARD_PAGE, WebFiles } from './web-files.js';

/**
 * The dashboard at `/` and the admin console at `/admin` (both talk to the service only through
 * POST /graphql, like any other client), and the bundled assets of the pages under `/assets/`.
 */
@Controller()
export class WebController {
  constructor(private readonly files: WebFiles) {}

  @Get()
  dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.files.sendPage(request, reply, DASHBOARD_PAGE);
  }

  /** The admin console: the same kind of bundle, writing through the same GraphQL API with an admin key. */
  @Get('admin')
  admin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.files.sendPage(request, reply, ADMIN_PAGE);
  }

  @Get('assets/:fileName')
  asset(
    @Param('fileName') fileName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.files.sendAsset(request, reply, fileName);
  }
}
