import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';
import { jpegWithLocation, pngBomb, pngImage, webpImage } from '../helpers/photo-files.js';

/**
 * Profile photos: uploaded as the request body, re-encoded to two square WebP sizes with every bit
 * of metadata dropped, served at an address that names the bytes (cached for good), removed on
 * request; hostile files answer a 4xx with a stable code, never a 5xx.
 */
describe.each(backends)('profile photos (%s)', (backend) => {
  let t: TestApp;
  let ann: TestMember;
  let ben: TestMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    ann = await t.signUp('Ann Photo');
    ben = await t.signUp('Ben Viewer');
    await t.connect(ann, ben);
  });
  afterAll(() => t.close());

  const upload = (as: TestMember | null, body: Buffer | string, contentType: string, headers: Record<string, string> = {}) =>
    t.call('PUT', '/api/v1/me/photo', as, body, { 'content-type': contentType, ...headers });

  const fetchImage = async (url: string, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
  };

  it('takes a JPEG with camera and GPS data, and serves it square in two sizes with no metadata', async () => {
    const original = await jpegWithLocation();
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).toContain('PhoneCo'); // the test file does carry EXIF and GPS

    const answer = await upload(ann, original, 'image/jpeg');
    expect(answer.status).toBe(200);
    const photoUrl: string = answer.body.member.photoUrl;
    expect(photoUrl).toMatch(/^\/api\/v1\/photos\/[0-9a-f]{32}\.webp$/);

    const large = await fetchImage(photoUrl);
    expect(large.status).toBe(200);
    expect(large.headers['content-type']).toBe('image/webp');
    expect(large.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const largeMeta = await sharp(large.bytes).metadata();
    expect([largeMeta.format, largeMeta.width, largeMeta.height]).toEqual(['webp', 400, 400]);
    expect(largeMeta.exif).toBeUndefined();
    expect(largeMeta.xmp).toBeUndefined();
    expect(largeMeta.iptc).toBeUndefined();
    expect(large.bytes.toString('latin1')).not.toContain('PhoneCo');

    const small = await fetchImage(`${photoUrl}?size=96`);
    expect(small.status).toBe(200);
    const smallMeta = await sharp(small.bytes).metadata();
    expect([smallMeta.format, smallMeta.width, smallMeta.height, smallMeta.exif]).toEqual(['webp', 96, 96, undefined]);

    // Served again unchanged: a cache may answer "not modified" by its tag.
    const again = await fetchImage(photoUrl, { 'if-none-match': String(large.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('shows the photo wherever the member is shown: own account, profile, search, connections', async () => {
    const me = await t.call('GET', '/api/v1/me', ann);
    const photoUrl = me.body.member.photoUrl;
    expect(photoUrl).toMatch(/^\/api\/v1\/photos\//);
    expect((await t.call('GET', `/api/v1/members/${ann.id}`, ben)).body.member.photoUrl).toBe(photoUrl);
    const found = await t.call('GET', '/api/v1/members?q=Ann%20Photo', ben);
    expect(found.body.items.find((m: { id: string }) => m.id === ann.id)?.photoUrl).toBe(photoUrl);
    const connections = await t.call('GET', '/api/v1/connections', ben);
    expect(connections.body.items.find((c: { member: { id: string } }) => c.member.id === ann.id)?.member.photoUrl).toBe(photoUrl);
    // A member without a photo: null, initials as before.
    const benSeen = await t.call('GET', `/api/v1/members/${ben.id}`, ann);
    expect(benSeen.body.member.photoUrl).toBeNull();
    expect(benSeen.body.member.initials).toBe('BV');
  });

  it('gives a new photo a new address; the old one stops being served', async () => {
    const first = (await t.call('GET', '/api/v1/me', ann)).body.member.photoUrl as string;
    const png = await upload(ann, await pngImage(), 'image/png');
    expect(png.status).toBe(200);
    const second = png.body.member.photoUrl as string;
    expect(second).not.toBe(first);
    expect((await fetchImage(first)).status).toBe(404);
    const pngServed = await sharp((await fetchImage(second)).bytes).metadata();
    expect([pngServed.format, pngServed.width, pngServed.height]).toEqual(['webp', 400, 400]);

    const webp = await upload(ann, await webpImage(), 'image/webp');
    expect(webp.status).toBe(200);
    expect(webp.body.member.photoUrl).not.toBe(second);
    expect((await fetchImage(webp.body.member.photoUrl)).status).toBe(200);
  });

  it('removes the photo: initials again, and the address is gone', async () => {
    const url = (await t.call('GET', '/api/v1/me', ann)).body.member.photoUrl as string;
    const removed = await t.call('DELETE', '/api/v1/me/photo', ann);
    expect(removed.status).toBe(200);
    expect(removed.body.member.photoUrl).toBeNull();
    expect((await fetchImage(url)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/members/${ann.id}`, ben)).body.member.photoUrl).toBeNull();
    expect((await t.call('DELETE', '/api/v1/me/photo', ann)).status).toBe(200); // removing none is fine
  });

  it('refuses hostile and broken files with a stable code, storing nothing', async () => {
    const jpeg = await jpegWithLocation();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(1)</script><rect width="400" height="400"/></svg>';
    const cases: Array<[string, Buffer | string, string, number, string, string?]> = [
      ['a truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg', 422, 'invalid_image', 'corrupt'],
      ['a JPEG header then noise', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]), 'image/jpeg', 422, 'invalid_image', 'corrupt'],
      ['text labelled as a JPEG', 'definitely not a picture', 'image/jpeg', 422, 'invalid_image', 'unsupported_format'],
      ['an empty body', Buffer.alloc(0), 'image/png', 422, 'invalid_image', 'not_an_image'],
      ['a PNG bomb of 20000×20000', await pngBomb(), 'image/png', 422, 'invalid_image', 'too_many_pixels'],
      ['a picture too small to be a photo', await pngImage(40, 40), 'image/png', 422, 'invalid_image', 'too_small'],
      ['an SVG', svg, 'image/svg+xml', 422, 'invalid_image', 'unsupported_format'],
      ['an SVG labelled as a PNG', svg, 'image/png', 422, 'invalid_image', 'unsupported_format'],
      ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/gif', 422, 'invalid_image', 'unsupported_format'],
      ['plain text', 'hello', 'text/plain', 415, 'unsupported_media_type'],
      ['JSON', JSON.stringify({ photo: 'x' }), 'application/json', 415, 'unsupported_media_type'],
      ['a form upload', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x', 415, 'unsupported_media_type'],
      ['over 5 MiB', Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]), 'image/jpeg', 413, 'payload_too_large'],
    ];
    for (const [label, body, contentType, status, code, reason] of cases) {
      const answer = await upload(ann, body, contentType);
      expect([label, answer.status, answer.body?.code], JSON.stringify(answer.body)).toEqual([label, status, code]);
      if (reason) expect([label, answer.body.reason]).toEqual([label, reason]);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.call('GET', '/api/v1/me', ann)).body.member.photoUrl).toBeNull();
  }, 60_000);

  it('needs a signed-in member; a browser session works with its CSRF header, not without', async () => {
    const jpeg = await jpegWithLocation(600, 600, '#805020');
    expect((await upload(null, jpeg, 'image/jpeg')).status).toBe(401);

    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ben.email, password: 'correct horse battery', session: 'cookie' } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.cookies.find((c) => c.name === 'rapport_csrf')!.value;

    const noCsrf = await upload(null, jpeg, 'image/jpeg', { cookie });
    expect([noCsrf.status, noCsrf.body.code]).toEqual([403, 'csrf_failed']);

    const put = await upload(null, jpeg, 'image/jpeg', { cookie, 'x-csrf-token': csrf });
    expect(put.status).toBe(200);
    expect(put.body.member.id).toBe(ben.id);
    // The image loads with the session's cookie, as an <img> in the web app does, and without one.
    expect((await fetchImage(put.body.member.photoUrl, { cookie })).status).toBe(200);
    expect((await fetchImage(put.body.member.photoUrl)).status).toBe(200);
    expect((await t.call('GET', `/api/v1/members/${ben.id}`, ann)).body.member.photoUrl).toBe(put.body.member.photoUrl);

    const removed = await t.call('DELETE', '/api/v1/me/photo', null, undefined, { cookie, 'x-csrf-token': csrf });
    expect([removed.status, removed.body.member.photoUrl]).toEqual([200, null]);
  });

  it('answers 404 for an address that names no photo, and 422 for a size it does not make', async () => {
    expect((await fetchImage('/api/v1/photos/0123456789abcdef0123456789abcdef.webp')).status).toBe(404);
    expect((await fetchImage('/api/v1/photos/not-a-photo.png')).status).toBe(404);
    const upl = await upload(ann, await webpImage(), 'image/webp');
    expect((await fetchImage(`${upl.body.member.photoUrl}?size=1000`)).status).toBe(422);
  });
});
