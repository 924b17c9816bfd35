// The rules of "Download your data": expiry from the policy, when a link works, the progress shown,
// and the words of the screen, the bell and the mail.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportExpiresAt, exportPercent, isDownloadable, type DataExportStatus } from '../../src/domain/data-export.js';
import { policySchema } from '../../src/domain/policy.js';
import { renderMail } from '../../src/mail/templates.js';
import { ChunkedZipWriter } from '../../src/use-cases/chunked-zip-writer.js';
import { describeNotification } from '../../web/src/features/notifications/components/notification-text.js';
import { dataExportSentence } from '../../web/src/features/settings/components/your-data-panel.js';

const policy = policySchema.parse({});
const readyAt = new Date('2026-03-01T10:00:00.000Z');

describe('data export rules', () => {
  it('expires exportLinkHours after it is ready (48 by default, or as configured)', () => {
    expect(policy.exportLinkHours).toBe(48);
    expect(exportExpiresAt(readyAt, policy).toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(exportExpiresAt(readyAt, { ...policy, exportLinkHours: 1 }).toISOString()).toBe('2026-03-01T11:00:00.000Z');
  });

  it('a link works only for a ready archive, until its expiry', () => {
    const facts = (status: DataExportStatus, expiresAt: Date | null) => ({ status, rowsWritten: 0, rowsTotal: 0, expiresAt });
    const expiresAt = exportExpiresAt(readyAt, policy);
    expect(isDownloadable(facts('ready', expiresAt), readyAt)).toBe(true);
    expect(isDownloadable(facts('ready', expiresAt), expiresAt)).toBe(false);
    for (const status of ['queued', 'building', 'downloaded', 'expired', 'failed'] as const) expect(isDownloadable(facts(status, expiresAt), readyAt)).toBe(false);
  });

  it.each([
    ['not counted yet', 'building', 0, null, 0],
    ['a third written', 'building', 10, 30, 33],
    ['all rows written but not yet stored', 'building', 30, 30, 99],
    ['ready', 'ready', 30, 30, 100],
    ['downloaded', 'downloaded', 30, 30, 100],
  ] as const)('progress: %s', (_name, status, rowsWritten, rowsTotal, percent) => {
    expect(exportPercent({ status, rowsWritten, rowsTotal, expiresAt: null })).toBe(percent);
  });
});

describe('data export words', () => {
  const archive = { id: '1', rowsWritten: 12, rowsTotal: 40, percent: 30, sizeBytes: 2048, requestedAt: '2026-03-01T09:59:00.000Z', readyAt: null, expiresAt: '2026-03-03T10:00:00.000Z', finishedAt: null, downloadUrl: null };
  it('the screen says where the archive is', () => {
    expect(dataExportSentence({ ...archive, status: 'queued' })).toContain('we will tell you when it is ready');
    expect(dataExportSentence({ ...archive, status: 'building' })).toBe('Writing your data: 12 of 40 items.');
    expect(dataExportSentence({ ...archive, status: 'building', rowsTotal: null })).toBe('Gathering your data…');
    expect(dataExportSentence({ ...archive, status: 'ready' })).toMatch(/^Your archive is ready \(2 KB\)\. It can be downloaded once, until .+; then it is deleted\.$/);
    expect(dataExportSentence({ ...archive, status: 'expired' })).toContain('was not downloaded in time and was deleted');
  });

  it('the bell leads to the settings screen', () => {
    const view = describeNotification({ id: '1', kind: 'data_export_ready', payload: { exportId: '1', expiresAt: archive.expiresAt }, createdAt: archive.requestedAt, readAt: null } as never);
    expect(view).toMatchObject({ text: 'Your data is ready to download.', to: '/settings#your-data', person: null });
  });

  it('the mail says how long, and carries no download link', () => {
    const mail = renderMail({ template: 'data_export_ready', expiresAt: archive.expiresAt, hours: 48, url: 'https://rapport.example/settings#your-data' }, 'Dora', 'https://rapport.example/unsubscribe');
    expect(mail.subject).toBe('Your data is ready to download');
    expect(mail.text).toContain('within 48 hours');
    expect(mail.text).toContain('https://rapport.example/settings#your-data');
    expect(mail.html).not.toContain('/download?token=');
  });
});

describe('the archive written in chunks', () => {
  it('stores whole chunks as they fill, numbered in order, and they join into the ZIP', async () => {
    const stored: { seq: number; bytes: Uint8Array }[] = [];
    const writer = new ChunkedZipWriter(async (seq, bytes) => void stored.push({ seq, bytes: Uint8Array.from(bytes) }), new Date('2026-03-01T10:00:00Z'), 1024);
    // Incompressible text, so the archive spans many chunks.
    const noise = Array.from({ length: 6000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(',');
    await writer.add('README.txt', 'hello');
    await writer.add('big.json', JSON.stringify(noise));
    await writer.add('photo.webp', new Uint8Array([82, 73, 70, 70, 1, 2, 3]));
    await writer.end();
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.map((c) => c.seq)).toEqual(stored.map((_, i) => i));
    expect(stored.slice(0, -1).every((c) => c.bytes.length === 1024)).toBe(true);
    const whole = new Uint8Array(Buffer.concat(stored.map((c) => c.bytes)));
    expect(whole.length).toBe(writer.size);
    const files = unzipSync(whole);
    expect(Object.keys(files)).toEqual(['README.txt', 'big.json', 'photo.webp']);
    expect(JSON.parse(strFromU8(files['big.json']!))).toBe(noise);
    expect([...files['photo.webp']!]).toEqual([82, 73, 70, 70, 1, 2, 3]);
  });
});
