import { createElement, Fragment, type ReactNode } from 'react';

/** User text with its line breaks kept: HTML collapses "\n", and so does the plain-text conversion. */
export function Lines({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (index > 0) parts.push(createElement('br'));
    parts.push(line);
  }
  // Spread as separate children, so React needs no keys for the interleaved <br>s.
  return createElement(Fragment, null, ...parts);
}
