/**
 * Marker lines the mail-in adapter puts into the text it renders from HTML, where the markup shows
 * quoted history or a signature. They come from the private-use area, so a reply cannot contain them
 * (the stripper removes them from plain input before reading it).
 */
export const HTML_CUE = {
  /** Everything from here on is quoted history (Gmail quote, Outlook reply header, …). */
  history: '\uE000',
  /** Start of a block the client marked as the sender's signature. */
  signatureStart: '\uE001',
  /** End of that block. */
  signatureEnd: '\uE002',
  /** Starts a quoted line the sender composed (a Gmail quote inserted above the history): new text, not history. */
  composed: '\uE003',
} as const;

const MARKER_LINE = /^[\uE000-\uE002]$/;

/**
 * Text rendered with cues, as a reader of plain text sees it: the marker lines and composed marks
 * removed, and the blank lines around a removed marker closed up to one.
 */
export function withoutCues(text: string): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    if (MARKER_LINE.test(raw)) continue;
    const line = raw.includes(HTML_CUE.composed) ? raw.replaceAll(HTML_CUE.composed, '') : raw;
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
