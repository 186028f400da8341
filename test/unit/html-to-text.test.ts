import { describe, expect, it } from 'vitest';
import { htmlToText, htmlToTextWithCues } from '../../src/adapters/mail-in/html-to-text.ts';
import { HTML_CUE, withoutCues } from '../../src/core/reply/html-cues.ts';

describe('htmlToText', () => {
  it('puts block elements on their own lines and turns <br> into a newline', () => {
    expect(htmlToText('<div>one</div><div>two<br>three</div><p>four</p>five')).toBe(
      'one\ntwo\nthree\n\nfour\n\nfive',
    );
  });

  it('renders Gmail-style empty divs as blank lines', () => {
    expect(htmlToText('<div>Hi</div><div><br></div><div>Thanks,</div><div>Sam</div>')).toBe(
      'Hi\n\nThanks,\nSam',
    );
  });

  it('renders Outlook MsoNormal paragraphs as lines, not paragraphs', () => {
    const html =
      '<p class=MsoNormal>Hi<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Sam</p>';
    expect(htmlToText(html)).toBe('Hi\n\nSam');
  });

  it('decodes named, decimal and hexadecimal entities', () => {
    expect(
      htmlToText('Tom &amp; Jerry &lt;3 &quot;caf&eacute;&quot; &#8364;5 &#x1F44D; &copy; &unknown;'),
    ).toBe('Tom & Jerry <3 "café" €5 👍 © &unknown;');
  });

  it('reads numeric references in the Windows-1252 range as browsers do', () => {
    expect(htmlToText('a &#150; b &#x80;5 &#0;')).toBe('a – b €5 \ufffd');
  });

  it('keeps a quote open across a stray end tag inside a table cell, as a browser does', () => {
    const html =
      '<table><tr><td><blockquote><div><table><tr><td>Details</div></td></tr></table>More</blockquote></td></tr></table>After';
    expect(htmlToText(html)).toBe('> Details\n> More\n\nAfter');
  });

  it('turns non-breaking spaces into spaces and collapses whitespace like a browser', () => {
    expect(htmlToText('a&nbsp;&nbsp;b\n\n   c\t<b> d </b> e')).toBe('a  b c d e');
  });

  it('drops scripts, styles, the head, comments and conditional comments', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><!--[if mso]>x<![endif]-->' +
      '<script>alert(1)</script>Visible<!-- hidden --></body></html>';
    expect(htmlToText(html)).toBe('Visible');
  });

  it('does not lose the body when </head> is missing', () => {
    expect(htmlToText('<head><meta charset="utf-8"><body><p>Body text</p>')).toBe('Body text');
  });

  it('numbers ordered lists and bullets unordered ones', () => {
    expect(htmlToText('<ul><li>a</li><li>b</li></ul><ol><li>one</li><li>two</li></ol>')).toBe(
      '- a\n- b\n\n1. one\n2. two',
    );
  });

  it('prefixes blockquote lines with "> "', () => {
    expect(
      htmlToText('Reply<blockquote>Quoted<br>text<blockquote>deeper</blockquote></blockquote>After'),
    ).toBe('Reply\n\n> Quoted\n> text\n>\n> > deeper\n\nAfter');
  });

  it('keeps line breaks inside <pre>', () => {
    expect(htmlToText('<pre>line 1\n  line 2</pre>')).toBe('line 1\n  line 2');
  });

  it('separates table cells and rows', () => {
    expect(
      htmlToText('<table><tr><td>Lead</td><td>Acme</td></tr><tr><td>Due</td><td>Friday</td></tr></table>'),
    ).toBe('Lead Acme\nDue Friday');
  });

  it('keeps a literal "<" that starts no tag and reads attributes containing ">"', () => {
    expect(htmlToText('1 < 2 and <a title="a > b" href="#">link</a>')).toBe('1 < 2 and link');
  });

  it('handles unclosed tags and truncated markup without throwing', () => {
    expect(htmlToText('<div><p>open<div>still open')).toBe('open\nstill open');
    expect(htmlToText('text <!-- never closed')).toBe('text');
    expect(htmlToText('text <a href="x')).toBe('text');
  });

  it('renders a large document in one pass', () => {
    const html = '<div><span>word</span> <b>bold</b></div>'.repeat(50_000);
    const text = htmlToText(html);
    expect(text.split('\n')).toHaveLength(50_000);
  });

  it('renders deeply nested, never closed markup in linear time', () => {
    const text = htmlToText('<div><blockquote><ul><li>x'.repeat(20_000));
    expect(text.split('\n').length).toBeGreaterThan(20_000);
  });
});

describe('htmlToTextWithCues', () => {
  it('marks where Gmail quoted history and signature start', () => {
    const html =
      '<div>Hi</div><div class="gmail_signature">Sam</div><div class="gmail_quote">On Mon Dana wrote:' +
      '<blockquote class="gmail_quote">old</blockquote></div>';
    expect(htmlToTextWithCues(html).split('\n')).toEqual([
      'Hi',
      HTML_CUE.signatureStart,
      'Sam',
      HTML_CUE.signatureEnd,
      HTML_CUE.history,
      'On Mon Dana wrote:',
      '',
      '> old',
    ]);
  });

  it('writes a horizontal rule as "---" so a following header block reads as a separator', () => {
    expect(htmlToTextWithCues('Hi<hr>From: Dana')).toBe('Hi\n---\nFrom: Dana');
    expect(htmlToText('Hi<hr>From: Dana')).toBe('Hi\n\nFrom: Dana');
  });
});

describe('withoutCues', () => {
  it('reads cued text as plain text: marker lines dropped, blank lines closed up', () => {
    const html =
      '<div>Hi</div><div class="gmail_signature"><p>Sam</p></div><div class="gmail_quote"><p>On Mon Dana wrote:</p>' +
      '<blockquote class="gmail_quote">old</blockquote></div>';
    expect(withoutCues(htmlToTextWithCues(html))).toBe(htmlToText(html));
    expect(withoutCues(htmlToTextWithCues('<blockquote class="gmail_quote">mine</blockquote>'))).toBe(
      '> mine',
    );
  });
});
