import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import send from '@fastify/send';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Where `npm run build` leaves the dashboard and the explorer (Vite, see web/vite.config.ts): dist/web
 * under the project root. Found from this file rather than the working directory, and the same whether
 * this runs compiled (dist/src/web) or from source under the tests (src/web).
 */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('No package.json above the web module: cannot locate the built web pages');
    dir = parent;
  }
  return dir;
}

export const WEB_BUILD_DIR = path.join(projectRoot(), 'dist', 'web');
export const DASHBOARD_PAGE = 'index.html';
export const ADMIN_PAGE = 'admin.html';
export const EXPLORER_PAGE = 'graphiql.html';
const ASSETS = 'assets';

type Caching = 'revalidate' | 'immutable';

const SEND_OPTIONS: Record<Caching, send.SendOptions> = {
  // A page names its hashed assets: the browser must revalidate it (ETag) to see a new build.
  revalidate: { cacheControl: false },
  // Every asset's file name carries a hash of its content, so a cached copy never goes stale.
  immutable: { maxAge: '365d', immutable: true },
};

// What Vite names an asset: a name, a content hash and an extension, in one path segment.
const ASSET_NAME = /^[\w-]+(\.[\w-]+)+$/;

/**
 * The built pages and their assets, sent with ETag, Last-Modified, conditional and range requests
 * (@fastify/send). An asset is asked for by a bare file name of the shape Vite gives it, so no request
 * can name a path outside dist/web/assets.
 */
@Injectable()
export class WebFiles {
  private readonly logger = new Logger('Web');

  constructor() {
    if (!existsSync(path.join(WEB_BUILD_DIR, DASHBOARD_PAGE))) {
      this.logger.warn(
        `No web build in ${WEB_BUILD_DIR} yet: "npm start" builds it in the background, "npm run build" builds it now`,
      );
    }
  }

  async sendPage(request: FastifyRequest, reply: FastifyReply, page: string): Promise<FastifyReply> {
    reply.header('cache-control', 'no-cache');
    return this.send(request, reply, page, 'revalidate');
  }

  async sendAsset(request: FastifyRequest, reply: FastifyReply, fileName: string): Promise<FastifyReply> {
    if (!ASSET_NAME.test(fileName)) throw new NotFoundException();
    return this.send(request, reply, `${ASSETS}/${fileName}`, 'immutable');
  }

  private async send(
    request: FastifyRequest,
    reply: FastifyReply,
    relativePath: string,
    caching: Caching,
  ): Promise<FastifyReply> {
    const sent = await send(request.raw, `/${relativePath}`, {
      root: WEB_BUILD_DIR,
      index: false,
      dotfiles: 'deny',
      ...SEND_OPTIONS[caching],
    });
    if (sent.type !== 'file') throw new NotFoundException();
    return reply.code(sent.statusCode).headers(sent.headers).send(sent.stream);
  }
}
