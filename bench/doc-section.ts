import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Writes one benchmark's report into its own section of a shared page (docs/performance.md holds
 * the graph and the HTTP benchmarks), between `<!-- name:begin -->` and `<!-- name:end -->`: a run
 * replaces its own section and leaves the rest of the page as it was. A page without the section
 * gets it appended.
 */
export function writeDocSection(file: string, name: string, markdown: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${begin}\n${markdown.trim()}\n${end}`;
  const page = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = page.indexOf(begin);
  const to = page.indexOf(end);
  const next = from >= 0 && to > from ? page.slice(0, from) + section + page.slice(to + end.length) : `${page.trimEnd()}${page.trim() ? '\n\n' : ''}${section}\n`;
  writeFileSync(file, next);
}
