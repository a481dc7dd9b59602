import pg from 'pg';
import { bearer, createTestKeys } from './support/api-keys.js';
import { describeInBrowser, saveScreenshot, useServiceInBrowser } from './support/browser.js';

describeInBrowser('the dashboard follows live updates in Chromium', () => {
  const session = useServiceInBrowser();

  it('shows a "Live" mark, and a new committed member in the headline figure after a write, without a reload', async () => {
    const service = session.service();
    const keys = await createTestKeys(service, 'live');
    const page = await session.browser().newPage();
    await page.goto(`${service.baseUrl}/`);
    const figure = page.locator('[data-testid=named-participating]');
    await figure.waitFor();
    await page.locator('[data-testid=live-mark]', { hasText: 'Live' }).waitFor();
    const before = Number(await figure.innerText());

    // A country the seeded roster does not name: invite it, then record it as committed.
    const slug = 'synthetic-drug-threats';
    const db = new pg.Client({ connectionString: service.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ code: string }>(
      `SELECT p.code FROM participant p WHERE p.kind = 'COUNTRY' AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.participant_id = p.id) ORDER BY p.code LIMIT 1`,
    );
    await db.end();
    const code = rows[0].code;
    const invited = await service.graphql(
      `mutation { recordInvitation(input: { coalition: "${slug}", participant: "${code}", invitedOn: "2024-02-01" }) { version } }`,
      {},
      bearer(keys.admin),
    );
    expect(invited.errors).toBeUndefined();
    const committed = await service.graphql(
      `mutation($v: Int!) { changeMembershipStatus(input: { coalition: "${slug}", participant: "${code}", status: COMMITTED,
         effectiveOn: "2024-03-01", expectedVersion: $v, source: { url: "https://example.org/live", title: "Live test" } }) { status } }`,
      { v: invited.data!.recordInvitation.version },
      bearer(keys.admin),
    );
    expect(committed.errors).toBeUndefined();

    // The page reads again when registryChanged arrives: the figure follows within a few seconds.
    const deadline = Date.now() + 5000;
    while (Number(await figure.innerText()) !== before + 1 && Date.now() < deadline) await page.waitForTimeout(100);
    expect(Number(await figure.innerText())).toBe(before + 1);
    await saveScreenshot(page, 'dashboard-live');
    await page.close();
  });
});
