import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Locator, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * Browser tests drive the machine's own Chromium (Debian's package) through playwright-core: nothing
 * is downloaded, and every request the page makes is recorded so a test fails if any leaves this host.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('test', 'artifacts');

const INSTALL_HINT =
  'Install it with "sudo apt-get install -y chromium" (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Schemes that never touch the network: inline data, in-page blobs (Monaco's workers), blank pages.
const OFFLINE_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  return OFFLINE_SCHEMES.has(parsed.protocol) || LOCAL_HOSTS.has(parsed.hostname);
}

/**
 * `describe` when Chromium is here. Without it the suite is skipped, loudly and with the install
 * command, on a developer's machine; under CI=true it fails instead, since CI installs Chromium.
 */
export function describeInBrowser(title: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(title, body);
    return;
  }
  const missing = `No Chromium at ${CHROMIUM_PATH}. ${INSTALL_HINT}`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has a Chromium to run in', () => {
        throw new Error(missing);
      });
    });
    return;
  }
  console.warn(`SKIPPED browser tests "${title}": ${missing}`);
  describe.skip(`${title} [SKIPPED: no Chromium at ${CHROMIUM_PATH}]`, body);
}

export interface BrowserSession {
  /** Every URL any page or worker asked for, in order. */
  requests: string[];
  /** Uncaught page errors and console errors (a Content-Security-Policy violation is one). */
  problems: string[];
  /** A page in a context of its own: no cookies, storage or cache shared with another test. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  foreignRequests(): string[];
  close(): Promise<void>;
}

/** Chromium on a fresh, throwaway profile: launch() gives it a new temporary user-data dir and deletes it on close. */
export async function openBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const requests: string[] = [];
  const problems: string[] = [];
  // Each page's context closes with the page; the browser closes only after all of them have.
  const closingContexts: Array<Promise<void>> = [];
  return {
    requests,
    problems,
    async newPage(viewport = { width: 1440, height: 1000 }) {
      const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
      context.on('request', (request) => requests.push(request.url()));
      // Record, and block: a request for another host never reaches the network, even by mistake.
      // A request still in flight when its page closes can no longer be continued: that is no failure.
      await context.route('**/*', (route) =>
        (isLocalUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient')).catch(() => undefined),
      );
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('close', () => closingContexts.push(context.close().catch(() => undefined)));
      return page;
    },
    foreignRequests: () => requests.filter((url) => !isLocalUrl(url)),
    async close() {
      await Promise.all(closingContexts);
      await browser.close();
    },
  };
}

/** A screenshot (of the whole page, or of one element) under test/artifacts/ (git-ignored), for a person to look at. */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: true });
  else await target.screenshot({ path: file });
  return file;
}

/** The page stayed on this host and raised no error; then forget both lists for the next test. */
export function expectOfflineAndClean(session: BrowserSession): void {
  const foreign = session.foreignRequests();
  const problems = [...session.problems];
  session.requests.length = 0;
  session.problems.length = 0;
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
}

/**
 * A service and a browser for the tests of one `describeInBrowser` block: started before them, closed
 * after, and after each test the page must have stayed on this host without errors.
 */
export function useServiceInBrowser(env: Record<string, string> = {}): {
  service(): TestApp;
  browser(): BrowserSession;
} {
  let service: TestApp | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestApp(env), openBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });
  afterEach(() => expectOfflineAndClean(browser!));
  return { service: () => service!, browser: () => browser! };
}
