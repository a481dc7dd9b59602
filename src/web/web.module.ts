import { type DynamicModule, Module } from '@nestjs/common';
import { ExplorerController } from './explorer.controller.js';
import { WebController } from './web.controller.js';
import { WebFiles } from './web-files.js';

/**
 * The service's own web pages: the dashboard at `/`, the admin console at `/admin`, the explorer at
 * /graphql (unless GRAPHQL_EXPLORER=false) and their bundled assets. Nothing on them is loaded from
 * anywhere else.
 */
@Module({})
export class WebModule {
  static withPages({ isExplorerShown }: { isExplorerShown: boolean }): DynamicModule {
    return {
      module: WebModule,
      controllers: [WebController, ...(isExplorerShown ? [ExplorerController] : [])],
      providers: [WebFiles],
    };
  }
}
