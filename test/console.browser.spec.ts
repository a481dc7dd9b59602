import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { PersistedQueryManifest } from '../src/persisted-queries/operation-safelist.js';
import { MANIFEST_FILE } from '../src/persisted-queries/persisted-queries.service.js';
import { seriousAccessibilityViolations } from './support/accessibility.js';
import { bearer, createTestKeys, type TestKeys } from './support/api-keys.js';
import { describeInBrowser, saveScreenshot, useServiceInBrowser } from './support/browser.js';

const SLUG = 'synthetic-drug-threats';
const SOURCE = { url: 'https://example.org/console-test', title: 'Console test source' };

describeInBrowser('the admin console at /admin in Chromium', () => {
  const session = useServiceInBrowser();
  let keys: TestKeys;
  beforeAll(async () => {
    keys = await createTestKeys(session.service(), 'console');
  });

  const api = (query: string, variables: Record<string, unknown> = {}) =>
    session.service().graphql(query, variables, bearer(keys.admin));

  async function signedInConsole(): Promise<Page> {
    const page = await session.browser().newPage();
    await page.goto(`${session.service().baseUrl}/admin`);
    await page.getByLabel('API key').fill(keys.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Record a commitment' }).waitFor();
    return page;
  }

  const form = (page: Page, heading: string) =>
    page.locator('form', { has: page.getByRole('heading', { name: heading, exact: true }) });

  async function invite(code: string): Promise<void> {
    const { errors } = await api(
      `mutation($code: String!) { recordInvitation(input: { coalition: "${SLUG}", participant: $code,
        invitedOn: "2024-01-15", source: { url: "${SOURCE.url}", title: "${SOURCE.title}" } }) { version } }`,
      { code },
    );
    expect(errors).toBeUndefined();
  }

  async function membership(code: string): Promise<{ status: string; version: number; commitments: any[] } | null> {
    const { data } = await api(
      `query($code: String!) { membership(coalition: "${SLUG}", participant: $code) {
        status version commitments { id title status version } } }`,
      { code },
    );
    return data!.membership;
  }

  it('signs in with a key kept only in sessionStorage, shows its name and role, and signs out', async () => {
    const page = await session.browser().newPage();
    await page.goto(`${session.service().baseUrl}/admin`);
    await page.getByLabel('API key').fill('crk_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That is not a live API key.').waitFor();
    // Chromium logs the refused request (HTTP 401) as a console error: expected here, and only here.
    const refusals = session.browser().problems.filter((problem) => problem.includes('401'));
    expect(refusals.length).toBeLessThanOrEqual(1);
    session
      .browser()
      .problems.splice(
        0,
        session.browser().problems.length,
        ...session.browser().problems.filter((problem) => !problem.includes('401')),
      );

    await page.getByLabel('API key').fill(keys.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('viewer-name').waitFor();
    expect(await page.getByTestId('viewer-name').innerText()).toBe('console-admin');
    expect(await page.getByTestId('viewer-role').innerText()).toBe('admin');
    const storage = await page.evaluate<{ session: string[]; local: number; url: string }>(
      '({ session: Object.values(sessionStorage), local: localStorage.length, url: location.href })',
    );
    expect(storage.session).toEqual([keys.admin]);
    expect(storage.local).toBe(0);
    expect(storage.url).not.toContain(keys.admin);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    expect(await page.getByRole('heading', { name: 'Record a commitment' }).count()).toBe(0);
    await page.close();
  });

  it('invites a participant and shows the membership as saved', async () => {
    const page = await signedInConsole();
    const invitation = form(page, 'Invite a participant');
    await invitation.getByLabel('Participant').fill('IS');
    await invitation.getByLabel('Invited on').fill('2024-03-01');
    await invitation.getByLabel('Source URL').fill(SOURCE.url);
    await invitation.getByLabel('Source title').fill(SOURCE.title);
    await invitation.getByRole('button', { name: 'Record invitation' }).click();
    await invitation.getByRole('status').waitFor();
    expect(await invitation.getByRole('status').innerText()).toContain('INVITED');
    expect(await membership('IS')).toMatchObject({ status: 'INVITED', version: 1 });
    await page.close();
  });

  it("changes a membership's status with the version it showed", async () => {
    await invite('NP');
    const page = await signedInConsole();
    const change = form(page, "Change a membership's status");
    await change.getByLabel('Participant').fill('NP');
    await change.getByRole('button', { name: 'Show current record' }).click();
    await change.getByTestId('current-membership').waitFor();
    expect(await change.getByTestId('current-membership').innerText()).toContain('INVITED');
    await change.getByLabel('New status').selectOption('COMMITTED');
    await change.getByLabel('Effective on').fill('2024-04-01');
    await change.getByLabel('Source URL').fill(SOURCE.url);
    await change.getByLabel('Source title').fill(SOURCE.title);
    await change.getByRole('button', { name: 'Change status' }).click();
    await change.getByRole('status').waitFor();
    expect(await change.getByRole('status').innerText()).toContain('COMMITTED');
    expect(await membership('NP')).toMatchObject({ status: 'COMMITTED', version: 2 });
    await page.close();
  });

  it('shows a CONFLICT when a second page changed the membership after the form showed it, and reloads', async () => {
    await invite('MN');
    const page = await signedInConsole();
    const change = form(page, "Change a membership's status");
    await change.getByLabel('Participant').fill('MN');
    await change.getByRole('button', { name: 'Show current record' }).click();
    await change.getByTestId('current-membership').waitFor();

    const second = await signedInConsole();
    const otherChange = form(second, "Change a membership's status");
    await otherChange.getByLabel('Participant').fill('MN');
    await otherChange.getByRole('button', { name: 'Show current record' }).click();
    await otherChange.getByTestId('current-membership').waitFor();
    await otherChange.getByLabel('New status').selectOption('DECLINED');
    await otherChange.getByLabel('Effective on').fill('2024-02-01');
    await otherChange.getByLabel('Source URL').fill(SOURCE.url);
    await otherChange.getByLabel('Source title').fill(SOURCE.title);
    await otherChange.getByRole('button', { name: 'Change status' }).click();
    await otherChange.getByRole('status').waitFor();
    await second.close();

    await change.getByLabel('New status').selectOption('COMMITTED');
    await change.getByLabel('Effective on').fill('2024-03-01');
    await change.getByLabel('Source URL').fill(SOURCE.url);
    await change.getByLabel('Source title').fill(SOURCE.title);
    await change.getByRole('button', { name: 'Change status' }).click();
    const problem = change.locator('.form-problem');
    await problem.getByText('status: INVITED → DECLINED').waitFor();
    expect(await problem.innerText()).toContain('version: 1 → 2');
    expect(await problem.getByTestId('current-membership').innerText()).toContain('DECLINED');
    expect(await membership('MN')).toMatchObject({ status: 'DECLINED', version: 2 });

    await problem.getByRole('button', { name: 'Reload the current record' }).click();
    expect(await change.getByTestId('current-membership').first().innerText()).toContain('version 2');
    await page.close();
  });

  it('records a commitment once, however often its button is clicked', async () => {
    const before = (await membership('IN'))!.commitments.length;
    const page = await signedInConsole();
    const record = form(page, 'Record a commitment');
    await record.getByLabel('Participant').fill('IN');
    await record.getByLabel('Title', { exact: true }).fill('Console pledge on precursor chemicals');
    await record.getByLabel('Line of effort').selectOption('DETECT_EMERGING_THREATS');
    // After the day India became a participating member (a commitment cannot precede it).
    await record.getByLabel('Made on').fill('2025-01-15');
    await record.getByLabel('Source URL').fill(SOURCE.url);
    await record.getByLabel('Source title').fill(SOURCE.title);
    await record.getByRole('button', { name: 'Record commitment' }).dblclick();
    await record.locator('.form-success, .form-problem').first().waitFor();
    expect(await record.locator('.form-problem').allInnerTexts()).toEqual([]);
    expect(await record.getByRole('status').innerText()).toContain('Console pledge on precursor chemicals');
    const after = (await membership('IN'))!.commitments;
    expect(after.length).toBe(before + 1);
    expect(after.filter((c) => c.title === 'Console pledge on precursor chemicals')).toHaveLength(1);
    await saveScreenshot(page, 'console');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await page.screenshot({ path: 'docs/admin-console.png', clip: { x: 0, y: 0, width: 1440, height: 1000 } });
    }
    await page.close();
  });

  it('shows a bad field next to its input', async () => {
    const page = await signedInConsole();
    const record = form(page, 'Record a commitment');
    await record.getByLabel('Participant').fill('IN');
    await record.getByLabel('Title', { exact: true }).fill('A pledge with a bad source');
    await record.getByLabel('Made on').fill('2024-05-01');
    await record.getByLabel('Source URL').fill('not an address');
    await record.getByLabel('Source title').fill(SOURCE.title);
    await record.getByRole('button', { name: 'Record commitment' }).click();
    const url = record.getByLabel('Source URL');
    await record.locator('.field-problem').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(/http or https address/);
    expect(await record.getByRole('status').count()).toBe(0);
    await page.close();
  });

  it("updates a commitment's status with the version it showed", async () => {
    const page = await signedInConsole();
    const update = form(page, "Update a commitment's status");
    await update.getByLabel('Participant').fill('IN');
    await update.getByRole('button', { name: 'Show current record' }).click();
    await update.getByLabel('Commitment').waitFor();
    const chosen = (await membership('IN'))!.commitments[0];
    await update.getByLabel('Commitment').selectOption(chosen.id);
    await update.getByLabel('New status').selectOption('IN_PROGRESS');
    await update.getByLabel('Source URL').fill(SOURCE.url);
    await update.getByLabel('Source title').fill(SOURCE.title);
    await update.getByRole('button', { name: 'Update commitment' }).click();
    await update.getByRole('status').waitFor();
    expect(await update.getByRole('status').innerText()).toContain('IN_PROGRESS');
    const now = (await membership('IN'))!.commitments.find((c) => c.id === chosen.id);
    expect(now).toMatchObject({ status: 'IN_PROGRESS', version: chosen.version + 1 });
    await page.close();
  });

  it('adds a participant', async () => {
    const page = await signedInConsole();
    const add = form(page, 'Add a participant');
    await add.getByLabel('Code (acronym)').fill('CONSOLEORG');
    await add.getByLabel('Name', { exact: true }).fill('Console Test Organisation');
    await add.getByRole('button', { name: 'Add participant' }).click();
    await add.getByRole('status').waitFor();
    expect(await add.getByRole('status').innerText()).toContain('Console Test Organisation');
    const { data } = await api('{ participant(code: "CONSOLEORG") { name } }');
    expect(data!.participant).toEqual({ name: 'Console Test Organisation' });
    await page.close();
  });

  it('checks a roster in a dry run, line by line, then applies it', async () => {
    const page = await signedInConsole();
    const roster = form(page, 'Import a roster');
    const csv = [
      'participant,status,date,source_url,source_title,note',
      `FI,INVITED,2024-06-01,${SOURCE.url},${SOURCE.title},`,
      `XX,COMMITTED,2024-06-01,${SOURCE.url},${SOURCE.title},`,
    ].join('\n');
    await roster.getByLabel('Roster CSV').fill(csv);
    await roster.getByRole('button', { name: 'Check (dry run)' }).click();
    await roster.locator('tr[data-outcome=ERROR]').waitFor();
    expect(await roster.locator('tr[data-outcome=ERROR]').innerText()).toContain('XX is not known');
    expect(await roster.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

    await roster.getByLabel('Roster CSV').fill(csv.split('\n').slice(0, 2).join('\n'));
    await roster.getByRole('button', { name: 'Check (dry run)' }).click();
    await roster.getByText('Dry run, nothing written').waitFor();
    expect(await roster.locator('tr[data-outcome=NEW]').innerText()).toContain('would be added');
    expect(await membership('FI')).toBeNull();
    await roster.getByRole('button', { name: 'Apply' }).click();
    await roster.getByText('Applied: 1 new').waitFor();
    expect(await membership('FI')).toMatchObject({ status: 'INVITED' });
    await page.close();
  });

  it('filters the audit log and pages it', async () => {
    await invite('KE');
    const page = await signedInConsole();
    const audit = page.locator('section.audit-log');
    await audit.locator('.audit-table').waitFor();
    await audit.getByLabel('Operation').fill('recordInvitation');
    await audit.getByLabel('Actor (key name)').fill('console-admin');
    await audit.getByRole('button', { name: 'Filter' }).click();
    // The unfiltered table's caption says "page 1" too: wait for the filtered rows themselves.
    await page.waitForFunction(`(() => {
      const cells = [...document.querySelectorAll('section.audit-log tbody tr td:nth-child(3)')];
      return cells.length > 0 && cells.every((cell) => cell.textContent.trim() === 'recordInvitation');
    })()`);
    await audit.locator('caption', { hasText: 'page 1' }).waitFor();
    const operations = await audit.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(operations.length).toBeGreaterThanOrEqual(1);
    expect(new Set(operations)).toEqual(new Set(['recordInvitation']));
    await audit.getByLabel('From (date)').fill('2999-01-01');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.locator('caption', { hasText: '0 entries' }).waitFor();
    await page.close();
  });

  it("sends X-Registry-Min-Position after its own write: the position the write's answer gave", async () => {
    const page = await signedInConsole();
    const sent: Array<{ operation: string; minPosition: string | undefined }> = [];
    const written: string[] = [];
    page.on('request', (request) => {
      if (!new URL(request.url()).pathname.endsWith('/graphql') || request.method() !== 'POST') return;
      const { query } = request.postDataJSON() as { query: string };
      sent.push({
        operation: /\b(?:query|mutation)\s+(\w+)/.exec(query)![1]!,
        minPosition: request.headers()['x-registry-min-position'],
      });
    });
    page.on('response', (response) => {
      const position = response.headers()['x-registry-position'];
      if (position) written.push(position);
    });
    const invitation = form(page, 'Invite a participant');
    await invitation.getByLabel('Participant').fill('BO');
    await invitation.getByLabel('Invited on').fill('2024-03-01');
    await invitation.getByRole('button', { name: 'Record invitation' }).click();
    await invitation.getByRole('status').waitFor();
    const audit = page.locator('section.audit-log');
    await audit.getByLabel('Operation').fill('recordInvitation');
    const auditRead = page.waitForResponse((response) =>
      /query ConsoleAudit/.test(response.request().postData() ?? ''),
    );
    await audit.getByRole('button', { name: 'Filter' }).click();
    await auditRead;

    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const write = sent.findIndex((request) => request.operation === 'ConsoleInvite');
    expect(write).toBeGreaterThanOrEqual(0);
    expect(sent.slice(0, write + 1).map((request) => request.minPosition)).toEqual(Array(write + 1).fill(undefined));
    const laterReads = sent.slice(write + 1);
    expect(laterReads.map((request) => request.operation)).toContain('ConsoleAudit');
    expect(laterReads.map((request) => request.minPosition)).toEqual(laterReads.map(() => written[0]));
    await page.close();
  });

  it('has no serious or critical accessibility violation on the console, the dashboard or the explorer', async () => {
    const page = await signedInConsole();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${session.service().baseUrl}/`);
    await page.locator('table.member-table tbody tr').first().waitFor();
    await page.locator('svg.growth-chart').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${session.service().baseUrl}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    // GraphiQL's own tab bar puts each tab's close button inside the tab (axe: nested-interactive), and
    // its editor dims the gutter's line numbers past the cursor's line (colour contrast); that markup is
    // the library's, not ours, so both are left out and everything else is checked.
    expect(await seriousAccessibilityViolations(page, ['.graphiql-tabs', '.line-numbers'])).toEqual([]);
    await page.close();
  });
});

describeInBrowser('the admin console where only registered operations run (PERSISTED_QUERIES_ONLY=true)', () => {
  const session = useServiceInBrowser({ PERSISTED_QUERIES_ONLY: 'true' });
  const registered = new Set(
    (JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as PersistedQueryManifest).operations.map((op) => op.body),
  );
  let keys: TestKeys;
  beforeAll(async () => {
    keys = await createTestKeys(session.service(), 'safelisted');
  });

  it('signs in, invites a participant, records a commitment and shows both in the audit log', async () => {
    const page = await session.browser().newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/graphql') && request.method() === 'POST') {
        sent.push((request.postDataJSON() as { query: string }).query);
      }
    });
    await page.goto(`${session.service().baseUrl}/admin`);
    await page.getByLabel('API key').fill(keys.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('viewer-name').waitFor();
    expect(await page.getByTestId('viewer-role').innerText()).toBe('admin');
    const form = (heading: string) =>
      page.locator('form', { has: page.getByRole('heading', { name: heading, exact: true }) });

    const invitation = form('Invite a participant');
    await invitation.getByLabel('Participant').fill('UY');
    await invitation.getByLabel('Invited on').fill('2024-03-01');
    await invitation.getByLabel('Source URL').fill(SOURCE.url);
    await invitation.getByLabel('Source title').fill(SOURCE.title);
    await invitation.getByRole('button', { name: 'Record invitation' }).click();
    await invitation.getByRole('status').waitFor();
    expect(await invitation.getByRole('status').innerText()).toContain('INVITED');

    const record = form('Record a commitment');
    await record.getByLabel('Participant').fill('IN');
    await record.getByLabel('Title', { exact: true }).fill('Safelisted pledge');
    await record.getByLabel('Made on').fill('2025-01-15');
    await record.getByLabel('Source URL').fill(SOURCE.url);
    await record.getByLabel('Source title').fill(SOURCE.title);
    await record.getByRole('button', { name: 'Record commitment' }).click();
    await record.getByRole('status').waitFor();
    expect(await record.getByRole('status').innerText()).toContain('Safelisted pledge');

    const audit = page.locator('section.audit-log');
    await audit.getByLabel('Actor (key name)').fill('safelisted-admin');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await audit.locator('caption', { hasText: /^2 entries,/ }).waitFor();
    const operations = await audit.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(new Set(operations)).toEqual(new Set(['recordInvitation', 'recordCommitment']));

    // Every document the page sent, the sign-in's included, is one the build registered.
    expect(sent.length).toBeGreaterThan(4);
    expect(sent.filter((query) => !registered.has(query))).toEqual([]);
    await page.close();
  });
});
