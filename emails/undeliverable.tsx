import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface UndeliverableProps {
  reference: string;
  giverName: string;
  receiverEmail: string;
  leadSummary: string;
  diagnostic: string | null;
}

export default function Undeliverable(props: UndeliverableProps) {
  return (
    <Layout preview="Baton is escalating it now." reason={`you handed off ${props.reference}`}>
      <Title>Not delivered: {props.leadSummary}</Title>
      <P>
        The email to {props.receiverEmail} bounced, so nobody has this lead yet. Baton is escalating it now so
        someone picks it up.
      </P>
      {props.diagnostic ? (
        <>
          <Small>The mail server said:</Small>
          <Quote text={props.diagnostic} />
        </>
      ) : null}
      <P>If the address is wrong, ask whoever runs Baton for your team to fix it.</P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

Undeliverable.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  receiverEmail: 'bob@example.com',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  diagnostic: '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown',
} satisfies UndeliverableProps;

export function subject(props: UndeliverableProps): string {
  return subjectLine(props.reference, `Not delivered to ${props.receiverEmail}: ${props.leadSummary}`);
}
