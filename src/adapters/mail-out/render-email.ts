import { plainTextSelectors, render } from '@react-email/render';
import { compile } from 'html-to-text';
import { createElement } from 'react';
import { type EmailKind, type EmailProps, type EmailTemplate, templates } from '../../../emails/index.ts';
import type { RenderEmail, RenderedEmail } from '../../app/ports.ts';

/**
 * HTML to plain text as React Email's toPlainText converts it (its options and selectors, then
 * ours), compiled once: toPlainText compiles the same options again for every email.
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    // html-to-text shouts headings in capitals by default; our titles are sentences.
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    // Reply links show their bare address as text; printing the mailto href again only adds noise.
    { selector: 'a[href^="mailto:"]', format: 'anchor', options: { ignoreHref: true } },
  ],
});

const isEmailKind = (kind: string): kind is EmailKind => Object.hasOwn(templates, kind);

/**
 * The render port: the outbox stores an email's kind and props, so they arrive here as data. An
 * unknown kind is a bug and throws; the props were built for that kind by the use case.
 */
export const renderOutboxEmail: RenderEmail = (kind, props) => {
  if (!isEmailKind(kind)) throw new Error(`unknown email kind: ${kind}`);
  // The one untyped step: props were built for this kind by a use case and stored as JSON in the outbox.
  return renderEmail(kind, props as unknown as EmailProps<typeof kind>);
};

/** Renders one email's subject, HTML and plain text, ready for any provider. */
export async function renderEmail<K extends EmailKind>(
  kind: K,
  props: EmailProps<K>,
): Promise<RenderedEmail> {
  const template: EmailTemplate<EmailProps<K>> | undefined = templates[kind];
  // Kinds can arrive as data (the outbox), so an unknown one is possible despite the types.
  if (!template) throw new Error(`unknown email kind: ${String(kind)}`);
  const element = createElement(template.component, props);
  // One React render: the plain text is converted from the same HTML, as render(…, { plainText })
  // would do after rendering it a second time.
  const html = await render(element);
  const text = toPlainText(html);
  return { subject: template.subject(props), html, text: tidy(text) };
}

// Empty quoted lines come out as "> " and nested blocks can stack blank lines; neither helps a reader.
function tidy(text: string): string {
  return `${text
    .replace(/^> +$/gm, '>')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
