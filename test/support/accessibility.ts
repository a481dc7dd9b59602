import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it stands. The library's source is
 * evaluated through the driver (not a <script> tag), so the page's Content-Security-Policy stays as served.
 */
export async function seriousAccessibilityViolations(page: Page, exclude: string[] = []): Promise<Violation[]> {
  await page.evaluate(axe.source);
  const context = JSON.stringify({ include: [['html']], exclude: exclude.map((selector) => [selector]) });
  // A string, as the page's code: this file is compiled for Node, where there is no window.
  return page.evaluate<Violation[]>(`axe.run(${context}, { resultTypes: ['violations'] }).then((found) =>
    found.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ') + ' ' + node.html.slice(0, 160)),
      })))`);
}
