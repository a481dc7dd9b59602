import { openBrowser, describeInBrowser, expectOfflineAndClean, type BrowserSession } from './support/browser.js';
import { runCli } from './support/run-cli.js';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';
import { createTestDatabase } from './support/test-app.js';

/**
 * With REQUIRE_AUTH_FOR_READS=true the dashboard signs in with a viewer key and reads as before; and
 * the keys used on the pages never show in a URL, in localStorage, or in the service's own log.
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
    // Chromium logs each refused anonymous read as a console error: expected before signing in, and
    // forgotten only once the page shows it has its answer (the alert), so none arrives afterwards.
    const forgetRefusals = () =>
      browser.problems.splice(
        0,
        browser.problems.length,
        ...browser.problems.filter((problem) => !problem.includes('401')),
      );
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

    const log = service.output();
    expect(log).toMatch(/"msg":"request completed"/);
    for (const key of [viewer, admin]) {
      // crk_<12-character prefix>_<secret>: the secret may contain '_', so it is cut by position.
      const secret = /^crk_[a-z0-9]{12}_(.{43})$/.exec(key)![1]!;
      expect(browser.requests.filter((url) => url.includes(key) || url.includes(secret))).toEqual([]);
      expect(log).not.toContain(secret);
    }
    expectOfflineAndClean(browser);
    // Two CLI runs, a dashboard, a download and a write: slower than one page of the other suites.
  }, 240_000);
});
