import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, repoRoot, reportSkip, signUpInBrowser, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('photos');

/** A portrait-like picture (a head and shoulders on a backdrop) as a camera JPEG, GPS position included. */
async function portraitJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c9d8e6"/><stop offset="1" stop-color="#6d8ba8"/></linearGradient></defs>
    <rect width="900" height="700" fill="url(#bg)"/>
    <ellipse cx="450" cy="690" rx="260" ry="200" fill="#2d3e50"/>
    <rect x="410" y="400" width="80" height="90" fill="#d9a47f"/>
    <ellipse cx="450" cy="320" rx="120" ry="150" fill="#e8b690"/>
    <path d="M330 300 Q340 150 450 160 Q570 150 570 300 Q560 220 450 215 Q350 220 330 300Z" fill="#3b2a20"/>
    <circle cx="405" cy="320" r="10" fill="#2b2b2b"/><circle cx="495" cy="320" r="10" fill="#2b2b2b"/>
    <path d="M410 390 Q450 415 490 390" stroke="#9c5a45" stroke-width="8" fill="none" stroke-linecap="round"/>
  </svg>`;
  return sharp(Buffer.from(svg))
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Pocket 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The avatar images a page shows, with where they come from and whether they loaded. */
async function avatarImages(page: Page, scope = 'body') {
  return page.locator(`${scope} img.avatar`).evaluateAll((images) =>
    (images as HTMLImageElement[]).map((img) => ({ src: new URL(img.src).pathname + new URL(img.src).search, loadedWidth: img.complete ? img.naturalWidth : 0 })),
  );
}

describe.skipIf(!hasChromium)('profile photos in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let ann: ApiMember;
  let ben: ApiMember;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ann = await server.api.signUp('Ann Portrait', { headline: 'Product designer at Northwind' });
    ben = await server.api.signUp('Ben Searcher', { headline: 'Recruiter' });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(member: ApiMember): Promise<Page> {
    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    return logInInBrowser(context, member.email);
  }

  const photoUrlOf = async (member: ApiMember) => (await server.api.ok<{ member: { photoUrl: string | null } }>(member.token, 'GET', '/me')).member.photoUrl;

  it('uploads a photo on the edit screen; it shows on the profile and in another member\'s search', async () => {
    const page = await pageAs(ann);
    await page.goto(`/members/${ann.id}`);
    await page.getByRole('heading', { name: 'Edit your profile' }).waitFor();
    expect(await avatarImages(page, 'main')).toEqual([]); // initials until a photo is chosen

    await page.getByLabel('Upload a photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await portraitJpeg() });
    await page.getByText('Photo saved.').waitFor();
    const photoUrl = await photoUrlOf(ann);
    expect(photoUrl).toMatch(/^\/api\/v1\/photos\/[0-9a-f]{32}\.webp$/);

    // The profile header and the photo field show the API's photo, and the browser decoded it (400 px).
    await page.waitForFunction(() => [...document.querySelectorAll('main img.avatar')].every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
    const onProfile = await avatarImages(page, 'main');
    expect(onProfile.length).toBeGreaterThanOrEqual(2);
    for (const image of onProfile) expect(image).toEqual({ src: photoUrl, loadedWidth: 400 });
    // The top bar's small avatar takes the 96 px image.
    await page.waitForFunction(() => [...document.querySelectorAll('header img.avatar')].some((img) => (img as HTMLImageElement).naturalWidth > 0));
    expect(await avatarImages(page, 'header')).toEqual([{ src: `${photoUrl}?size=96`, loadedWidth: 96 }]);
    await page.getByRole('button', { name: 'Change photo' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(repoRoot, 'docs/screenshots/profile-photo.png') });
    await page.getByRole('heading', { name: 'Photo', exact: true }).evaluate((heading) => heading.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(repoRoot, 'docs/screenshots/profile-photo-edit.png') });

    // Another member finds Ann by name and sees her photo on the result, as the API gives it.
    const benPage = await pageAs(ben);
    await benPage.goto(`/search?q=${encodeURIComponent('Ann Portrait')}`);
    const card = benPage.locator(`[data-member-id="${ann.id}"]`);
    await card.waitFor();
    const searched = await server.api.ok<{ items: Array<{ id: string; photoUrl: string | null }> }>(ben.token, 'GET', `/members?q=${encodeURIComponent('Ann Portrait')}`);
    expect(searched.items.find((m) => m.id === ann.id)?.photoUrl).toBe(photoUrl);
    await benPage.waitForFunction((id) => {
      const img = document.querySelector(`[data-member-id="${id}"] img.avatar`) as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth > 0;
    }, ann.id);
    expect(await avatarImages(benPage, `[data-member-id="${ann.id}"]`)).toEqual([{ src: `${photoUrl}?size=96`, loadedWidth: 96 }]);
    await benPage.screenshot({ path: join(repoRoot, 'docs/screenshots/profile-photo-search.png') });

    // Ben without a photo: initials on his own card, as before.
    expect(await avatarImages(benPage, 'header')).toEqual([]);
  }, 120_000);

  it('removes the photo: initials again on the profile, null in the API', async () => {
    const page = await pageAs(ann);
    await page.goto(`/members/${ann.id}`);
    await page.getByRole('button', { name: 'Remove photo' }).click();
    await page.getByText('Photo removed').waitFor();
    expect(await photoUrlOf(ann)).toBeNull();
    await page.getByLabel('Upload a photo').waitFor({ state: 'attached' });
    expect(await avatarImages(page, 'main')).toEqual([]);
  }, 60_000);

  it('offers the photo in the first-run step after sign-up, and ticks it off', async () => {
    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    const page = await signUpInBrowser(context, 'Cara Newcomer', `cara.${Date.now()}@example.com`, 'Analyst', { stayOnProfileStep: true });
    await page.getByText('Photo: not yet').waitFor({ state: 'attached' });
    await page.getByLabel('Upload a photo').setInputFiles({ name: 'cara.png', mimeType: 'image/png', buffer: await sharp(await portraitJpeg()).png().toBuffer() });
    await page.getByText('Photo saved.').waitFor();
    await page.getByText('Photo: done').waitFor({ state: 'attached' });
    const photoUrl = await page.evaluate(async () => ((await (await fetch('/api/v1/me')).json()) as { member: { photoUrl: string } }).member.photoUrl);
    expect(photoUrl).toMatch(/^\/api\/v1\/photos\//);
    await page.waitForFunction(() => [...document.querySelectorAll('main img.avatar')].every((img) => (img as HTMLImageElement).naturalWidth > 0));
    const shown = await avatarImages(page, 'main');
    expect(shown.length).toBeGreaterThanOrEqual(1);
    for (const image of shown) expect(image.src).toBe(photoUrl);
    await page.screenshot({ path: join(repoRoot, 'docs/screenshots/profile-photo-first-run.png') });
  }, 60_000);

  it('says why a file is refused, without uploading what the server would refuse anyway', async () => {
    const page = await pageAs(ann);
    await page.goto(`/members/${ann.id}`);
    await page.getByLabel('Upload a photo').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await page.getByText('Choose a JPEG, PNG or WebP image.').waitFor();
    // A file that claims to be a PNG but is not: the server's answer, in words.
    await page.getByLabel('Upload a photo').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await page.getByRole('alert').filter({ hasText: /JPEG, PNG or WebP/ }).waitFor();
    expect(await photoUrlOf(ann)).toBeNull();
  }, 60_000);
});
