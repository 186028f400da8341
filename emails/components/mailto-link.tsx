import { Link } from '@react-email/components';

/**
 * A reply link whose visible text is the bare address, so the plain-text version (which drops
 * mailto hrefs) still shows where to write.
 */
export function MailtoLink({ address }: { address: string }) {
  const href = address.startsWith('mailto:') ? address : `mailto:${address}`;
  const bare = safeDecode(href.slice('mailto:'.length).split('?')[0] ?? '');
  return (
    <Link href={href} style={{ color: 'inherit', textDecoration: 'underline' }}>
      {bare}
    </Link>
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
