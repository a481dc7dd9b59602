import type { Page } from 'playwright-core';
import { bearer, createTestKeys } from './support/api-keys.js';
import { describeInBrowser, saveScreenshot, useServiceInBrowser } from './support/browser.js';

describeInBrowser('the GraphQL explorer at /graphql in Chromium', () => {
  const session = useServiceInBrowser();

  async function openExplorer(search = ''): Promise<Page> {
    const page = await session.browser().newPage();
    await page.goto(`${session.service().baseUrl}/graphql${search}`);
    await page.locator('.graphiql-container').waitFor();
    // The schema came in through introspection once the documentation button is ready.
    await page.locator('.graphiql-query-editor .view-lines').waitFor();
    return page;
  }

  /** The response editor's text, its spacing folded (Monaco renders spaces as no-break spaces). */
  async function responseText(page: Page, containing: string): Promise<string> {
    const response = page.locator('.graphiql-response .view-lines');
    await response.filter({ hasText: containing }).waitFor({ timeout: 20_000 });
    return (await response.innerText()).replace(/\s+/g, ' ');
  }

  it('loads from the service itself and runs the query given in its address', async () => {
    const page = await openExplorer(
      `?query=${encodeURIComponent('query FromTheAddress { coalitions { slug name launchedOn } }')}`,
    );
    await page.getByRole('button', { name: /Execute query/ }).click();
    const answer = await responseText(page, 'synthetic-drug-threats');
    expect(answer).toContain('Global Coalition to Address Synthetic Drug Threats');
    expect(answer).toContain('2023-07-07');
    await saveScreenshot(page, 'explorer');
    await page.close();
  });

  it('offers the diplomat, dashboard and admin examples, runs the diplomat one, and has a headers editor', async () => {
    const page = await openExplorer();
    const tabs = await page.locator('.graphiql-tabs').innerText();
    expect(tabs).toContain('DiplomatTurkiyeMembership');
    expect(tabs).toContain('DashboardStatsAndMembers');
    expect(tabs).toContain('AdminRecordInvitationNeedsAdminKey');
    expect(await page.locator('.graphiql-footer, .graphiql-container').first().innerText()).toContain(
      'needs an admin key',
    );

    await page.getByRole('tab', { name: /DiplomatTurkiyeMembership/ }).click();
    await page.getByRole('button', { name: /Execute query/ }).click();
    // Türkiye is known to the registry (and as "Turkey"), but no source names it a member.
    const answer = await responseText(page, 'Turkey');
    expect(answer).toContain('"membership": null');

    await page.getByRole('tab', { name: /AdminRecordInvitationNeedsAdminKey/ }).click();
    await page.getByRole('button', { name: 'Headers' }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
    await headers.filter({ hasText: 'Authorization' }).waitFor();
    expect((await headers.innerText()).replace(/\s+/g, ' ')).toContain('"Authorization": "Bearer <admin key>"');
    await saveScreenshot(page, 'explorer-admin-example');
    await page.close();
  });

  it('runs a subscription over the WebSocket and shows a write made through the API in its result pane', async () => {
    const service = session.service();
    const keys = await createTestKeys(service, 'explorer-live');
    const page = await openExplorer(`?query=${encodeURIComponent('subscription { registryChanged { kind ids } }')}`);
    const subscribed = page.waitForEvent('websocket', (socket) => socket.url().endsWith('/graphql'));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const socket = await subscribed;
    await socket.waitForEvent('framesent', (frame) => String(frame.payload).includes('"subscribe"'));

    // Nothing acknowledges a subscribe message: until the server has taken it, a change would pass
    // unseen, so write again (each write a commitment of its own) until one shows.
    const written: string[] = [];
    const response = page.locator('.graphiql-response .view-lines');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const result = await service.graphql(
        `mutation($title: String!) { recordCommitment(input: { coalition: "synthetic-drug-threats", participant: "US",
           title: $title, madeOn: "2024-01-01", source: { url: "https://example.org/explorer", title: "Explorer test" } }) { id } }`,
        { title: `Explorer live test ${attempt}` },
        bearer(keys.admin),
      );
      expect(result.errors).toBeUndefined();
      written.push(result.data!.recordCommitment.id);
      const seen = await response
        .filter({ hasText: 'COMMITMENT' })
        .waitFor({ timeout: 2000 })
        .then(
          () => true,
          () => false,
        );
      if (seen) break;
    }
    const answer = (await response.innerText()).replace(/\s+/g, ' ');
    expect(answer).toContain('"kind": "COMMITMENT"');
    expect(written.some((id) => answer.includes(`"${id}"`))).toBe(true);
    await saveScreenshot(page, 'explorer-subscription');
    await page.close();
  });

  it('shows the schema documentation', async () => {
    const page = await openExplorer();
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('searchParticipants').waitFor();
    expect(await docs.innerText()).toContain('A coalition by its slug');
    await saveScreenshot(page, 'explorer-docs');
    await page.close();
  });
});
