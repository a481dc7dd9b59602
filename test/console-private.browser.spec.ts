import { seriousAccessibilityViolations } from './support/accessibility.js';
import {
  openBrowser,
  describeInBrowser,
  expectOfflineAndClean,
  saveScreenshot,
  type BrowserSession,
} from './support/browser.js';
import { runCli } from './support/run-cli.js';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * With REQUIRE_AUTH_FOR_READS=true the dashboard and the explorer sign in with a viewer key and read as
 * before; and the keys used on the pages never show in a URL, in localStorage, or in the service's own log.
 */
describeInBrowser('the pages where reads are private, in Chromium', () => {
  let database: { url: string; drop(): Promise<void> };
  let service: ServiceProcess;
  let browser: BrowserSession;

  beforeAll(async () => {
    database = await createTestDatabase();
    [service, browser] = await Promise.all([
      startServiceProcess({ DATABASE_URL: database.url, LOG_LEVEL: 'debug', REQUIRE_AUTH_FOR_READS: 'true' }),
      openBrowser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await database?.drop();
  });

  async function createKey(name: string, role: string): Promise<string> {
    const created = await runCli(
      'dist/src/auth/apikey.cli.js',
      ['create', '--role', role, '--name', name],
      database.url,
    );
    expect(created.code).toBe(0);
    return created.stdout.trim().split('\n').at(-1)!;
  }

  /**
   * Forgets Chromium's console errors for reads refused with 401 (it logs each one): expected while no
   * key is given.
   */
  function forgetRefusals(): void {
    browser.problems.splice(
      0,
      browser.problems.length,
      ...browser.problems.filter((problem) => !problem.includes('401')),
    );
  }

  /** crk_<12-character prefix>_<secret>: the secret may contain '_', so it is cut by position. */
  function secretOf(key: string): string {
    return /^crk_[a-z0-9]{12}_(.{43})$/.exec(key)![1]!;
  }

  /** A key appears in no address any page asked for, and its secret nowhere in the service's log. */
  function expectKeyKeptOutOfUrlsAndLog(key: string): void {
    const secret = secretOf(key);
    expect(browser.requests.filter((url) => url.includes(key) || url.includes(secret))).toEqual([]);
    expect(service.output()).not.toContain(secret);
  }

  it('opens the explorer without a key, signs in with a viewer key and runs a query with it', async () => {
    const viewer = await createKey('explorer-viewer', 'viewer');
    const page = await browser.newPage();
    const query = 'query PrivateCoalitions { coalitions { slug name } }';
    await page.goto(`${service.baseUrl}/graphql?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-container').waitFor();
    const signIn = page.getByRole('form', { name: 'Sign in' });
    await signIn.waitFor();
    // The schema's introspection is refused without a key; the page still works and asks for one.
    expect(await seriousAccessibilityViolations(page, ['.graphiql-tabs', '.line-numbers'])).toEqual([]);
    await page.getByLabel('API key').fill(viewer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('viewer-name').innerText()).toBe('explorer-viewer');
    expect(await page.getByTestId('viewer-role').innerText()).toBe('viewer');

    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response .view-lines');
    await response.filter({ hasText: 'synthetic-drug-threats' }).waitFor({ timeout: 20_000 });
    expect((await response.innerText()).replace(/\s+/g, ' ')).toContain(
      '"name": "Global Coalition to Address Synthetic Drug Threats"',
    );
    await saveScreenshot(page, 'explorer-signed-in');
    // GraphiQL keeps its tabs in localStorage; the key is never among them.
    const kept = await page.evaluate<string>('JSON.stringify(Object.entries(localStorage))');
    expect(kept).toContain('PrivateCoalitions');
    expect(kept).not.toContain(secretOf(viewer));
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(1);

    // A key typed in the Headers tab wins over the signed-in one: the admin example's placeholder is no
    // key at all (UNAUTHENTICATED), where the viewer's key would have been refused the write (FORBIDDEN).
    await page.getByRole('tab', { name: /AdminRecordInvitationNeedsAdminKey/ }).click();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await response.filter({ hasText: 'UNAUTHENTICATED' }).waitFor({ timeout: 20_000 });

    // The live socket signs in with the key too, in connection_init.
    await page.goto(
      `${service.baseUrl}/graphql?query=${encodeURIComponent('subscription { registryChanged { kind } }')}`,
    );
    await page.getByTestId('viewer-role').waitFor();
    // The editor is ready (and GraphiQL can tell a subscription) once its text is drawn.
    await page.locator('.graphiql-query-editor .view-lines').waitFor();
    const subscribed = page.waitForEvent('websocket', (socket) => socket.url().endsWith('/graphql'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const socket = await subscribed;
    // Where reads are private, the socket is acknowledged only for a live key.
    await socket.waitForEvent('framereceived', (frame) => String(frame.payload).includes('"connection_ack"'));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn.waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    // Closed before the refusals (the schema without a key, the placeholder key) are forgotten: the
    // schema is fetched again without the key, and a closed page logs nothing more.
    await page.close();
    forgetRefusals();

    expect(service.output()).toMatch(/"msg":"request completed"/);
    expectKeyKeptOutOfUrlsAndLog(viewer);
    expectOfflineAndClean(browser);
  }, 120_000);

  it('reads the dashboard through a viewer key, writes through an admin key, and never leaks either', async () => {
    const viewer = await createKey('private-viewer', 'viewer');
    const admin = await createKey('private-admin', 'admin');

    const page = await browser.newPage();
    await page.goto(`${service.baseUrl}/`);
    // The page loads without a key, has its read refused (HTTP 401 UNAUTHENTICATED) and asks for one.
    const signInNeeded = page.getByRole('alert').filter({ hasText: 'Reads on this registry need an API key' });
    await signInNeeded.waitFor();
    expect(await page.locator('[data-testid=named-participating]').count()).toBe(0);
    await page.getByLabel('API key').fill(viewer);
    // Forgotten only once the page shows it has its answer (the alert), so none arrives afterwards.
    forgetRefusals();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid=named-participating]').waitFor();
    expect(await page.locator('[data-testid=named-participating]').innerText()).toBe('29');
    expect(await page.getByTestId('viewer-role').innerText()).toBe('viewer');
    // The live socket signs in too (the key in connection_init), or the page would fall back to polling.
    await page.locator('[data-testid=live-mark]', { hasText: 'Live' }).waitFor();

    // The download link fetches with the key in a header, never in the address.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV (spreadsheets)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('synthetic-drug-threats-roster.csv');
    const csv = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      }, reject);
    });
    expect(csv).toContain('"IN","India"');

    await page.locator('table.member-table tbody th a', { hasText: /^India$/ }).click();
    await page.locator('h1#member-name', { hasText: 'India' }).waitFor();
    expect(await page.getByRole('link', { name: 'JSON' }).count()).toBe(1);
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInNeeded.waitFor();
    // Closed before the refusals are forgotten: the member's read may still be in flight, and a closed
    // page logs nothing more.
    await page.close();
    forgetRefusals();

    const console = await browser.newPage();
    await console.goto(`${service.baseUrl}/admin`);
    await console.getByLabel('API key').fill(admin);
    await console.getByRole('button', { name: 'Sign in' }).click();
    const invitation = console.locator('form', { has: console.getByRole('heading', { name: 'Invite a participant' }) });
    await invitation.getByLabel('Participant').fill('SE');
    await invitation.getByLabel('Invited on').fill('2024-03-01');
    await invitation.getByRole('button', { name: 'Record invitation' }).click();
    await invitation.getByRole('status').waitFor();
    expect(await invitation.getByRole('status').innerText()).toContain('INVITED');
    expect(await console.evaluate<number>('localStorage.length')).toBe(0);
    await console.close();

    // The write is known by the key's name (the audit log), never by the key.
    const audit = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ auditLog(first: 5, actor: "private-admin") { nodes { actor } } }' }),
    });
    const { data } = (await audit.json()) as { data: { auditLog: { nodes: Array<{ actor: string }> } } };
    expect(data.auditLog.nodes.map((entry) => entry.actor)).toEqual(['private-admin']);

    expect(service.output()).toMatch(/"msg":"request completed"/);
    expectKeyKeptOutOfUrlsAndLog(viewer);
    expectKeyKeptOutOfUrlsAndLog(admin);
    expectOfflineAndClean(browser);
    // Two CLI runs, a dashboard, a download and a write: slower than one page of the other suites.
  }, 240_000);
});
