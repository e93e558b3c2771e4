/**
 * Turns what a user typed into a safe FTS5 query: every word quoted (so operators,
 * quotes and parentheses are only ever text), all words required, the last one as a
 * prefix so that search-as-you-type finds "ali" in "alice".
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu);
  if (!words || words.length === 0) return undefined;
  const quoted = words.slice(0, 32).map((word) => `"${word}"`);
  quoted[quoted.length - 1] += '*';
  return quoted.join(' ');
}
