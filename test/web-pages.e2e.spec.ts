import { startTestApp, type TestApp } from './support/test-app.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web pages the service serves itself', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(async () => {
    await service.close();
  });

  async function dashboardAssets(): Promise<string[]> {
    const html = await (await fetch(`${service.baseUrl}/`)).text();
    return [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
  }

  it('serves the dashboard at / for revalidation, since it names the current build', async () => {
    const response = await fetch(`${service.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(await response.text()).toContain('<div id="app">');
    // As a browser revalidates (fetch would otherwise add "cache-control: no-cache", which forbids a 304).
    const again = await fetch(`${service.baseUrl}/`, {
      headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets as immutable, from its own address only', async () => {
    const assets = await dashboardAssets();
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await fetch(`${service.baseUrl}/${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const script = assets.find((asset) => asset.endsWith('.js'))!;
    expect((await fetch(`${service.baseUrl}/${script}`)).headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers 404 for anything under /assets/ that is not a built asset', async () => {
    for (const attempt of [
      '/assets/missing-0000.js',
      '/assets/.env',
      '/assets/..%2Fgraphiql.html',
      '/assets/%2e%2e%2fpackage.json',
    ]) {
      expect({ attempt, status: (await fetch(`${service.baseUrl}${attempt}`)).status }).toEqual({
        attempt,
        status: 404,
      });
    }
  });

  it('shows the explorer to a browser at /graphql, and JSON to every other client as before', async () => {
    const page = await fetch(`${service.baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="explorer">');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);

    const query = encodeURIComponent('{ coalitions { slug } }');
    const byGet = await fetch(`${service.baseUrl}/graphql?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(byGet.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await byGet.json()).toEqual({ data: { coalitions: [{ slug: 'synthetic-drug-threats' }] } });

    const { data } = await service.graphql('{ coalitions { slug } }');
    expect(data).toEqual({ coalitions: [{ slug: 'synthetic-drug-threats' }] });
  });
});

describe('with GRAPHQL_EXPLORER=false', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ GRAPHQL_EXPLORER: 'false' });
  });
  afterAll(async () => {
    await service.close();
  });

  it('shows no explorer at /graphql, and still serves the dashboard', async () => {
    const page = await fetch(`${service.baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    expect((await fetch(`${service.baseUrl}/`)).status).toBe(200);
  });
});
