import type { MailboxEntry, MailboxMessage } from '../mail-out/mailbox-view.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The URLs of one stored message: `<base>/<id>` (the page, with #html and #text sections) and
 * `<base>/<id>.eml` (the raw message).
 */
export function mailboxLinks(id: string, basePath = '/mailbox') {
  const page = `${basePath.replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
  return { page, html: `${page}#html`, text: `${page}#text`, raw: `${page}.eml` };
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #e3e3e3; }
th { font-weight: 600; white-space: nowrap; }
td.value { white-space: pre-wrap; word-break: break-all; font-family: ui-monospace, monospace; font-size: 12px; }
iframe { width: 100%; height: 32rem; border: 1px solid #ccc; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 1rem; border: 1px solid #e3e3e3; }
.empty { color: #666; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function time(date: Date): string {
  const iso = date.toISOString();
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z'))}</time>`;
}

/** Renders the mailbox index: one row per stored message, in the order given (newest first from `list()`). */
export function renderMailboxList(entries: readonly MailboxEntry[], basePath = '/mailbox'): string {
  const rows = entries
    .map((entry) => {
      const links = mailboxLinks(entry.id, basePath);
      return `<tr>
<td>${time(entry.date)}</td>
<td>${escapeHtml(entry.from)}</td>
<td>${escapeHtml(entry.to.join(', '))}</td>
<td><a href="${escapeHtml(links.page)}">${escapeHtml(entry.subject || '(no subject)')}</a></td>
<td><a href="${escapeHtml(links.html)}">HTML</a> · <a href="${escapeHtml(links.text)}">text</a> · <a href="${escapeHtml(links.raw)}">.eml</a></td>
</tr>`;
    })
    .join('\n');
  const table =
    entries.length === 0
      ? '<p class="empty">No messages yet.</p>'
      : `<table>
<thead><tr><th>Date (UTC)</th><th>From</th><th>To</th><th>Subject</th><th>Views</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return layout('Mailbox', `<h1>Mailbox</h1>\n<p>${entries.length} message(s), newest first.</p>\n${table}`);
}

// Inside the sandbox (no allow-scripts, no allow-same-origin) the message cannot run code or
// reach this origin; the CSP repeats that, and <base> opens its links outside the frame.
const FRAME_PREAMBLE =
  "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'; form-action 'none'\">" +
  '<base target="_blank">';

/** Renders one stored message: its headers, the HTML body in a sandboxed frame, the text body and a link to the raw `.eml`. */
export function renderMailboxMessage(message: MailboxMessage, basePath = '/mailbox'): string {
  const links = mailboxLinks(message.id, basePath);
  const headerRows = Object.entries(message.headers)
    .map(
      ([name, value]) => `<tr><th>${escapeHtml(name)}</th><td class="value">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const html =
    message.html === null
      ? '<p class="empty">No HTML part.</p>'
      : `<iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${escapeHtml(FRAME_PREAMBLE + message.html)}"></iframe>`;
  const text =
    message.text === null ? '<p class="empty">No text part.</p>' : `<pre>${escapeHtml(message.text)}</pre>`;
  const body = `<p><a href="${escapeHtml(basePath)}">← Mailbox</a> · <a href="${escapeHtml(links.raw)}">Download .eml</a></p>
<h1>${escapeHtml(message.subject || '(no subject)')}</h1>
<p>${time(message.date)} · ${escapeHtml(message.file)}</p>
<h2>Headers</h2>
<table>
<tbody>
${headerRows}
</tbody>
</table>
<h2 id="html">HTML</h2>
${html}
<h2 id="text">Text</h2>
${text}`;
  return layout(message.subject || 'Message', body);
}
