import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DASHBOARD_PAGE, WebFiles } from './web-files.js';

/**
 * The dashboard at `/` (it reads everything through POST /graphql, like any other client) and the
 * bundled assets of the dashboard and the explorer under `/assets/`.
 */
@Controller()
export class WebController {
  constructor(private readonly files: WebFiles) {}

  @Get()
  dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.files.sendPage(request, reply, DASHBOARD_PAGE);
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
