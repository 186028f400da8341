import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface AutoReplyNotedProps {
  reference: string;
  giverName: string;
  receiverName: string;
  leadSummary: string;
  returnDate: string | null;
  excerpt: string;
  deadlineLocal: string;
}

export default function AutoReplyNoted(props: AutoReplyNotedProps) {
  const back = props.returnDate ? `Back ${props.returnDate}.` : 'No return date given.';
  return (
    <Layout preview={back} reason={`you handed this lead to ${props.receiverName}`}>
      <Title>
        {props.receiverName} may be away: {props.leadSummary}
      </Title>
      <P>
        An automatic reply came back. <strong>{back}</strong>
      </P>
      <P>
        That doesn't count as an answer: if nobody replies by {props.deadlineLocal}, Baton escalates as
        planned.
      </P>
      <Small>From the auto-reply:</Small>
      <Quote text={props.excerpt} />
      <Meta reference={props.reference} />
    </Layout>
  );
}

AutoReplyNoted.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  returnDate: 'Mon 30 Nov 2026',
  excerpt: "I'm out of the office until Monday 30 November with limited access to email.",
  deadlineLocal: 'Tue 24 Nov 2026, 09:00 EST (America/New_York)',
} satisfies AutoReplyNotedProps;

export function subject(props: AutoReplyNotedProps): string {
  return subjectLine(props.reference, `${props.receiverName} may be away: ${props.leadSummary}`);
}
