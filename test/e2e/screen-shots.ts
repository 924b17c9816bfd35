// Screenshots into docs/screenshots/ with an axe-core scan of each screen, for the suites that take
// them: one recorder per suite collects what was scanned and every violation, to assert on at the end.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from './support.js';

export const WIDTHS = [375, 1440] as const;
export const SCREENSHOTS = join(repoRoot, 'docs/screenshots');
export const AXE = join(repoRoot, 'node_modules/axe-core/axe.min.js');
export const hasAxe = existsSync(AXE);

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/** A browser context at a phone or desktop width, with axe-core loaded in every document it opens. */
export async function screenContext(browser: Browser, baseUrl: string, width: number) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: width < 600 ? 812 : 900 } });
  context.setDefaultTimeout(15_000);
  if (hasAxe) await context.addInitScript({ path: AXE });
  return context;
}

export class ScreenRecorder {
  readonly violations: Array<{ screen: string; violation: AxeViolation }> = [];
  readonly scanned: string[] = [];

  constructor(readonly suite: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
  }

  /** A full-page picture from the top (so the sticky top bar is where it belongs), then the axe scan. */
  async shoot(page: Page, name: string, width: number): Promise<void> {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      return document.fonts.ready;
    });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    if (!hasAxe) return;
    const found = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations as AxeViolation[];
    });
    for (const violation of found) this.violations.push({ screen: `${name}-${width}`, violation });
    this.scanned.push(`${name}-${width}`);
  }

  /** Prints the violations found, if any (for the log when the final assertion fails). */
  report(): void {
    if (this.violations.length === 0) return;
    console.log(`[e2e] axe (${this.suite}): ${this.violations.length} violations`);
    for (const { screen, violation } of this.violations) {
      console.log(`  ${screen}: [${violation.impact}] ${violation.id} — ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    }
  }
}
