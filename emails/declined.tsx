import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface DeclinedProps {
  reference: string;
  giverName: string;
  receiverName: string;
  leadSummary: string;
  reason: string | null;
}

export default function Declined(props: DeclinedProps) {
  return (
    <Layout
      preview={`The lead needs a new owner.${props.reason ? ` Reason: ${props.reason}` : ''}`}
      reason={`you handed this lead to ${props.receiverName}`}
    >
      <Title>
        {props.receiverName} can't take {props.leadSummary}
      </Title>
      {props.reason ? (
        <>
          <Small>Reason:</Small>
          <Quote text={props.reason} />
        </>
      ) : (
        <P>No reason given.</P>
      )}
      <P>The lead needs a new owner: send a new handoff to someone else.</P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

Declined.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  reason: "Can't take this one, I'm on leave until the 30th.",
} satisfies DeclinedProps;

export function subject(props: DeclinedProps): string {
  return subjectLine(props.reference, `Declined by ${props.receiverName}: ${props.leadSummary}`);
}
