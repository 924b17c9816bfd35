import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, repoRoot, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('data-export');

const SCREENSHOTS = join(repoRoot, 'docs/screenshots');

type ExportState = {
  export: { id: string; status: string; rowsWritten: number; rowsTotal: number | null; downloadUrl: string | null; expiresAt: string | null } | null;
  files: { name: string; about: string }[];
};

describe.skipIf(!hasChromium)('download your data, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('the member asks on the settings screen, sees it ready after the due work runs, downloads the ZIP once and finds every file the README names', async () => {
    const member = await server.api.signUp('Dora Data', { headline: 'Archivist at Northwind' });
    const friend = await server.api.signUp('Finn Friend');
    await server.api.connect(member, friend);
    await server.api.ok(member.token, 'POST', '/messages', { recipientId: friend.id, body: 'Thanks for connecting!' });

    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    const page = await logInInBrowser(context, member.email);
    await page.goto('/settings#your-data');
    const panel = page.getByTestId('your-data');
    await panel.getByRole('heading', { name: 'Your data' }).waitFor();
    // What the screen lists is what the API says the archive holds.
    const before = await server.api.ok<ExportState>(member.token, 'GET', '/me/export');
    expect(before.export).toBeNull();
    await panel.getByText('What is in the archive').click();
    expect(await panel.getByTestId('data-export-files').locator('code').allTextContents()).toEqual(before.files.map((f) => f.name));

    await panel.getByRole('button', { name: 'Ask for your data' }).click();
    await panel.locator('[data-status="queued"]').waitFor();
    const queued = await server.api.ok<ExportState>(member.token, 'GET', '/me/export');
    expect(queued.export?.status).toBe('queued');
    await panel.getByText('You can leave this page').waitFor();
    expect(await panel.getByRole('button', { name: /Ask for/ }).count()).toBe(0); // one archive at a time

    await server.api.ok(null, 'POST', '/_test/run-due');
    await panel.locator('[data-status="ready"]').waitFor();
    const ready = await server.api.ok<ExportState>(member.token, 'GET', '/me/export');
    expect(ready.export).toMatchObject({ id: queued.export!.id, status: 'ready' });
    expect(ready.export!.rowsWritten).toBe(ready.export!.rowsTotal);
    const link = panel.getByTestId('data-export-download');
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/api/v1/me/export/${ready.export!.id}/download\\?token=`));
    await panel.getByText('It can be downloaded once, until').waitFor();
    // The bell says so too.
    const notifications = await server.api.ok<{ items: { kind: string }[] }>(member.token, 'GET', '/notifications');
    expect(notifications.items.map((n) => n.kind)).toContain('data_export_ready');

    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, 'data-export.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^rapport-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const readme = strFromU8(files['README.txt']!);
    // Every file the README names is in the ZIP, and every file in the ZIP is named in the README.
    const named = readme
      .split(/\r?\n/)
      .map((line) => /^(\S+\.(?:json|csv|txt|webp))\s{2,}/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(named.length).toBeGreaterThan(10);
    expect(Object.keys(files).sort()).toEqual([...named].sort());
    for (const file of ready.files.filter((f) => f.name !== 'photo.webp')) expect(Object.keys(files)).toContain(file.name);
    expect(JSON.parse(strFromU8(files['profile.json']!))).toMatchObject({ name: 'Dora Data', headline: 'Archivist at Northwind' });
    expect(JSON.parse(strFromU8(files['messages.json']!))).toEqual([expect.objectContaining({ body: 'Thanks for connecting!' })]);

    // Once downloaded, the archive is gone and the screen says so.
    await expect.poll(async () => (await server.api.ok<ExportState>(member.token, 'GET', '/me/export')).export?.status).toBe('downloaded');
    await page.reload();
    await panel.locator('[data-status="downloaded"]').waitFor();
    await panel.getByRole('button', { name: 'Ask for a new archive' }).waitFor();
  });
});
