/**
 * What the captcha costs whoever solves it: CPU-seconds per solved challenge at the policy's
 * `captchaMaxNumber`, against the old fixed 100,000 measured in the same run, for a script (Node's
 * native SHA-256, the cheapest way to solve) and for a member's browser (the web app's own solver
 * code, @noble/hashes, which its Web Workers run; timed here in Node's V8, the engine Chromium runs).
 *
 *   npm run bench:captcha                     # 10 challenges per size (~1.5 minutes)
 *   npm run bench:captcha -- --challenges 20
 *
 * The answers are spread evenly over each range ((i + ½) / n of it), so every run hashes the same
 * amount: half the range on average, as random answers do. Writes its section of
 * docs/performance.md and docs/captcha-cost.svg.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createChallenge } from 'altcha-lib/v1';
import { Progress } from '../src/cli/progress.js';
import { defaultPolicy } from '../src/domain/policy.js';
import { writeDocSection } from './doc-section.js';

const { values } = parseArgs({ options: { challenges: { type: 'string', default: '10' } } });
const CHALLENGES = Number(values.challenges);
const BASELINE = 100_000;
const POLICY = defaultPolicy.captchaMaxNumber;
const SIZES = [...new Set([BASELINE, 500_000, 1_000_000, POLICY, 2 * POLICY])].sort((a, b) => a - b);

type Solver = 'script' | 'browser';
const encoder = new TextEncoder();
const hashers: Record<Solver, (text: string) => string> = {
  script: (text) => createHash('sha256').update(text).digest('hex'),
  browser: (text) => bytesToHex(sha256(encoder.encode(text))),
};

function solve(solver: Solver, salt: string, challenge: string, max: number): number {
  const hash = hashers[solver];
  for (let n = 0; n <= max; n++) if (hash(salt + n) === challenge) return n;
  throw new Error('no answer in the range');
}

interface Row {
  solver: Solver;
  maxNumber: number;
  cpuSecondsPerSolve: number;
}

const plan: { solver: Solver; maxNumber: number }[] = [
  ...SIZES.map((maxNumber) => ({ solver: 'script' as const, maxNumber })),
  ...[BASELINE, POLICY].map((maxNumber) => ({ solver: 'browser' as const, maxNumber })),
];
const totalHashes = plan.reduce((sum, step) => sum + (step.maxNumber / 2) * CHALLENGES, 0);
const progress = new Progress('hashes', Math.round(totalHashes));
let hashed = 0;
const rows: Row[] = [];
for (const { solver, maxNumber } of plan) {
  let cpu = 0;
  for (let i = 0; i < CHALLENGES; i++) {
    const number = Math.floor(((i + 0.5) / CHALLENGES) * maxNumber);
    const challenge = await createChallenge({ hmacKey: 'bench', maxNumber, number });
    const before = process.cpuUsage();
    const found = solve(solver, challenge.salt, challenge.challenge, maxNumber);
    const used = process.cpuUsage(before);
    if (found !== number) throw new Error(`solved ${found}, expected ${number}`);
    cpu += (used.user + used.system) / 1e6;
    hashed += number + 1;
    progress.update(hashed);
  }
  rows.push({ solver, maxNumber, cpuSecondsPerSolve: cpu / CHALLENGES });
}
progress.finish(Math.round(totalHashes));

const at = (solver: Solver, maxNumber: number) => rows.find((row) => row.solver === solver && row.maxNumber === maxNumber)!.cpuSecondsPerSolve;
const scriptRatio = at('script', POLICY) / at('script', BASELINE);
const browserRatio = at('browser', POLICY) / at('browser', BASELINE);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, load ${loadavg()[0]!.toFixed(2)}, Node ${process.version}`;

console.log(`\nCPU-seconds per solved challenge (${CHALLENGES} challenges per size; ${machine})`);
console.table(rows.map((row) => ({ solver: row.solver, captchaMaxNumber: row.maxNumber.toLocaleString('en'), 'CPU s per solve': row.cpuSecondsPerSolve.toFixed(3) })));
console.log(`policy ${POLICY.toLocaleString('en')} vs the old ${BASELINE.toLocaleString('en')}: ${scriptRatio.toFixed(1)}× the work for a script, ${browserRatio.toFixed(1)}× for a browser`);
console.log(`a thousand scripted sends past captchaAfterPerDay: ${(1000 * at('script', POLICY)).toFixed(0)} CPU-seconds`);

writeFileSync(new URL('../docs/captcha-cost.svg', import.meta.url), svgChart(rows));
writeDocSection(
  new URL('../docs/performance.md', import.meta.url).pathname,
  'captcha-cost',
  `
## Captcha cost

\`npm run bench:captcha\` (${CHALLENGES} challenges per size, ${new Date().toISOString().slice(0, 10)}; ${machine}).
CPU-seconds to solve one challenge, answers spread evenly over the range (half of it hashed on average):

| captchaMaxNumber | script (native SHA-256) | browser solver (@noble/hashes, one worker) |
|---|---|---|
${SIZES.map((size) => `| ${size.toLocaleString('en')}${size === POLICY ? ' (policy)' : size === BASELINE ? ' (before)' : ''} | ${at('script', size).toFixed(3)} s | ${rows.some((row) => row.solver === 'browser' && row.maxNumber === size) ? `${at('browser', size).toFixed(3)} s` : '—'} |`).join('\n')}

**At the policy's ${POLICY.toLocaleString('en')}, a script pays ${at('script', POLICY).toFixed(2)} CPU-seconds per send past
\`captchaAfterPerDay\` (${scriptRatio.toFixed(1)}× the old 100,000), so a thousand scripted sends cost about
${(1000 * at('script', POLICY)).toFixed(0)} CPU-seconds.** The web app splits the same work over up to
four Web Workers, so a member waits about ${(at('browser', POLICY) / 2).toFixed(1)} s on two free cores
(the end-to-end test logs the real wait in Chromium).

![captcha cost](captcha-cost.svg)
`,
);
console.log('wrote its section of docs/performance.md, and docs/captcha-cost.svg');

function svgChart(data: Row[]): string {
  const width = 720;
  const left = 230;
  const max = Math.max(...data.map((row) => row.cpuSecondsPerSolve));
  const x = (seconds: number) => ((width - left - 90) * seconds) / max;
  const bars = data
    .map((row, i) => {
      const y = 40 + i * 30;
      const label = `${row.solver === 'script' ? 'script' : 'browser solver'}, ${row.maxNumber.toLocaleString('en')}${row.maxNumber === POLICY ? ' (policy)' : ''}`;
      return [
        `<text x="${left - 10}" y="${y + 14}" text-anchor="end" font-size="12">${label}</text>`,
        `<rect x="${left}" y="${y}" width="${x(row.cpuSecondsPerSolve).toFixed(1)}" height="20" fill="${row.solver === 'script' ? '#3b5bab' : '#8a8a8a'}"/>`,
        `<text x="${left + x(row.cpuSecondsPerSolve) + 6}" y="${y + 14}" font-size="12">${row.cpuSecondsPerSolve.toFixed(2)} s</text>`,
      ].join('\n');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${40 + data.length * 30 + 10}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="13" font-weight="bold">Captcha: CPU-seconds per solved challenge (higher costs a sender more) — ${new Date().toISOString().slice(0, 10)}</text>
${bars}
</svg>
`;
}
