import { Small } from './layout.tsx';
import { Quote } from './quote.tsx';

export type Forwarded = { from: string; date: string | null; subject: string | null; body: string } | null;

export function ForwardedEmail({ forwarded }: { forwarded: Forwarded }) {
  if (!forwarded) return null;
  const about = [forwarded.date, forwarded.subject ? `“${forwarded.subject}”` : null].filter(Boolean);
  return (
    <>
      <Small>
        Forwarded email from {forwarded.from}
        {about.length > 0 ? `, ${about.join(', ')}` : ''}:
      </Small>
      <Quote text={forwarded.body} />
    </>
  );
}
