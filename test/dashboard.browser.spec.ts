import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describeInBrowser, saveScreenshot, useServiceInBrowser } from './support/browser.js';

describeInBrowser('the dashboard at / in Chromium', () => {
  const session = useServiceInBrowser();

  async function openDashboard(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await session.browser().newPage(viewport);
    await page.goto(`${session.service().baseUrl}/`);
    await page.locator('[data-testid=named-participating]').waitFor();
    await page.locator('svg.membership-map path.country').first().waitFor();
    await page.locator('svg.growth-chart').waitFor();
    await page.locator('table.member-table tbody tr').first().waitFor();
    return page;
  }

  it('shows the reported 84 countries at launch beside the named roster, and China as invited, not participating', async () => {
    const page = await openDashboard();
    const launchFigure = page
      .locator('li.reported-figure', { hasText: 'at launch' })
      .filter({ hasText: '84 countries' });
    expect(await launchFigure.count()).toBe(1);
    expect(await launchFigure.innerText()).toContain('84 countries');
    expect(await page.locator('.figure-group.reported').innerText()).toContain('159 countries');

    expect(await page.locator('[data-testid=named-participating]').innerText()).toBe('29');
    expect(await page.locator('.figure-group.named').innerText()).toContain('28 countries and 1 organisation');
    expect(await page.locator('[data-testid=invited-not-participating]').innerText()).toBe('1');
    expect(await page.locator('.figure-group.invited .invited-list').innerText()).toContain('China');

    // Side by side, never merged: the reported group and the named roster share a row on a wide screen.
    const reported = (await page.locator('.figure-group.reported').boundingBox())!;
    const named = (await page.locator('.figure-group.named').boundingBox())!;
    expect(named.x).toBeGreaterThan(reported.x + reported.width - 1);
    expect(Math.abs(named.y - reported.y)).toBeLessThan(2);

    await saveScreenshot(page, 'dashboard');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      // For the README: from the headline down to the first rows of the member table.
      const table = (await page.locator('section.members').boundingBox())!;
      mkdirSync('docs', { recursive: true });
      await page.screenshot({
        path: 'docs/dashboard.png',
        fullPage: true,
        clip: { x: 0, y: 0, width: 1440, height: table.y + 420 },
      });
    }
    await page.close();
  });

  it('finds "People\'s Republic of China" with the search box and shows China invited, not participating', async () => {
    const page = await openDashboard();
    await page.getByLabel('Search any country or organisation').fill("People's Republic of China");
    await page.locator('table.member-table caption', { hasText: 'match' }).waitFor();
    const chinaRow = page.locator('table.member-table tbody tr', { has: page.locator('th', { hasText: /^China$/ }) });
    expect(await chinaRow.locator('.status-badge').innerText()).toBe('Invited, not participating');
    expect(await chinaRow.getAttribute('data-status')).toBe('INVITED');
    const hongKong = page.locator('table.member-table tbody tr', { hasText: 'Hong Kong' });
    expect(await hongKong.locator('.status-badge').innerText()).toBe('Not named by any source');
    await saveScreenshot(page, 'dashboard-search');
    await page.close();
  });

  it('draws a map with a shape per country, coloured by the named roster', async () => {
    const page = await openDashboard();
    const shapes = page.locator('svg.membership-map path.country');
    expect(await shapes.count()).toBeGreaterThanOrEqual(240);
    // One colour per named country (Australia's shape comes in two pieces: the mainland and Ashmore and Cartier).
    const participating = await page
      .locator('svg.membership-map path.country[data-status=COMMITTED]')
      .evaluateAll((paths) => paths.map((shape) => shape.getAttribute('data-code')));
    expect(new Set(participating).size).toBe(28);
    expect(await page.locator('svg.membership-map path.country[data-status=INVITED]').getAttribute('data-code')).toBe(
      'CN',
    );
    expect(await page.locator('.map-organizations').innerText()).toContain('European Union');
    await saveScreenshot(page.locator('.map-panel'), 'dashboard-map');
    await page.close();
  });

  it('pages and sorts the member table from the keyboard', async () => {
    const page = await openDashboard();
    await page.getByLabel('Per page').selectOption('10');
    await page.locator('.table-scroll[aria-busy=false]', { hasText: 'Members 1–10 of 30' }).waitFor();

    await page.getByRole('button', { name: 'Next page' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.table-scroll[aria-busy=false]', { hasText: 'Members 11–20 of 30' }).waitFor();

    await page.getByRole('button', { name: /^Since/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.table-scroll[aria-busy=false]', { hasText: 'Members 1–10 of 30' }).waitFor();
    expect(await page.locator('th[aria-sort=ascending]').innerText()).toContain('Since');
    // Oldest status first: the day before the launch, China invited and Saudi Arabia attested (revision 2).
    expect(['China', 'Saudi Arabia']).toContain(
      await page.locator('table.member-table tbody tr').first().locator('th').innerText(),
    );
    await saveScreenshot(page, 'dashboard-table');
    await page.close();
  });

  it('opens a member record with its history and commitments, and comes back', async () => {
    const page = await openDashboard();
    await page.getByLabel('Search any country or organisation').fill('India');
    await page.locator('table.member-table tbody th a', { hasText: /^India$/ }).click();
    await page.locator('h1#member-name', { hasText: 'India' }).waitFor();
    expect(page.url()).toContain('member=IN');
    const record = await page.locator('article.member-detail').innerText();
    expect(record).toContain('Participating');
    expect(record).toContain('co-chair of Working Group 1');
    expect(record).toContain('Coalition Pledge');
    expect(await page.locator('.history li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.history a[href^="http"]').count()).toBeGreaterThanOrEqual(1);
    await saveScreenshot(page, 'member-india');

    await page.goto(`${session.service().baseUrl}/?member=CN`);
    await page.locator('h1#member-name', { hasText: 'China' }).waitFor();
    expect(await page.locator('.member-status .status-badge').innerText()).toBe('Invited, not participating');
    await page.getByRole('link', { name: '← All members' }).click();
    await page.locator('[data-testid=named-participating]').waitFor();
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await openDashboard({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'dashboard-phone');
    await page.close();
  });

  it("words revision 2's combined headcount and the one dated only by a lower bound as their sources do", async () => {
    const page = await openDashboard();
    const figure = (text: string) => page.locator('li.reported-figure', { hasText: text });
    const combinedItem = figure('97 countries and organisations');
    expect(await combinedItem.locator('.reported-figure-counts').innerText()).toBe('97 countries and organisations');
    expect(await combinedItem.locator('.reported-figure-when').innerText()).toContain('7 July 2023');
    const boundedItem = figure('163 countries');
    expect(await boundedItem.locator('.reported-figure-counts').innerText()).toBe('163 countries and 15 organisations');
    expect(await boundedItem.locator('.reported-figure-when').innerText()).toBe('on or after 24 September 2024');
    await page.close();
  });

  it('blocks and reports a request for another host (the guard every browser test relies on)', async () => {
    const page = await session.browser().newPage();
    // A blank page has no Content-Security-Policy of ours, so the browser does try to fetch the image.
    // .invalid never resolves (RFC 2606), and the route aborts the request before any lookup.
    await page.setContent('<img src="http://registry-test.invalid/probe.png" alt="">');
    expect(session.browser().foreignRequests()).toEqual(['http://registry-test.invalid/probe.png']);
    session.browser().requests.length = 0;
    session.browser().problems.length = 0;
    await page.close();
  });
});

describeInBrowser('the dashboard where only registered operations run (PERSISTED_QUERIES_ONLY=true)', () => {
  const session = useServiceInBrowser({ PERSISTED_QUERIES_ONLY: 'true' });

  it('shows the roster, the growth chart, a search and a member record, asking by persisted query hashes', async () => {
    const page = await session.browser().newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/graphql')) asked.push(`${request.method()} ${request.url()}`);
    });
    await page.goto(`${session.service().baseUrl}/`);
    await page.locator('svg.growth-chart').waitFor();
    expect(await page.locator('[data-testid=named-participating]').innerText()).toBe('29');
    // Its live subscription is registered too: the socket stays open instead of falling back to polling.
    await page.locator('[data-testid=live-mark]', { hasText: 'Live' }).waitFor();
    await page.getByLabel('Search any country or organisation').fill('India');
    await page.locator('table.member-table tbody th a', { hasText: /^India$/ }).click();
    await page.locator('h1#member-name', { hasText: 'India' }).waitFor();
    expect(await page.locator('article.member-detail').innerText()).toContain('Coalition Pledge');
    expect(asked.length).toBeGreaterThan(3);
    for (const request of asked) expect(request).toMatch(/^GET .*extensions=.*persistedQuery/);
    await page.close();
  });
});
