/**
 * An ILIKE pattern matching text that contains `text` literally: `%`, `_` and `\` in what the
 * member typed are escaped (PostgreSQL's default LIKE escape is the backslash), so they match
 * themselves instead of acting as wildcards.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
