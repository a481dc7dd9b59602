import { Module } from '@nestjs/common';
import { WebController } from './web.controller.js';
import { WebFiles } from './web-files.js';

/**
 * The service's own web pages: the dashboard at `/`, the explorer (served at /graphql by
 * explorerLandingPage) and their bundled assets. Nothing on them is loaded from anywhere else.
 */
@Module({ controllers: [WebController], providers: [WebFiles] })
export class WebModule {}
