/**
 * A LIKE pattern that finds `text` anywhere, with `%`, `_` and the backslash matched literally:
 * use it with `ESCAPE '\'`. Without the escaping a search for `web_1` would also find `web-1`.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
