import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface FollowThroughProps {
  reference: string;
  receiverName: string;
  leadSummary: string;
  action: string;
  dueLocal: string;
}

export default function FollowThrough(props: FollowThroughProps) {
  return (
    <Layout
      preview="Reply “done” or your new next step."
      reason={`you committed to a next step on ${props.reference}`}
    >
      <Title>Did it happen? {props.leadSummary}</Title>
      <Small>Your plan, due {props.dueLocal}:</Small>
      <Quote text={props.action} />
      <P>Reply “done” or your new next step.</P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

FollowThrough.PreviewProps = {
  reference: 'H-1042',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  action: "I'll call her tomorrow at 10 about the Salesforce sync.",
  dueLocal: 'Wed 25 Nov 2026, 10:00 CET (Europe/Berlin)',
} satisfies FollowThroughProps;

export function subject(props: FollowThroughProps): string {
  return subjectLine(props.reference, `Did it happen? ${props.leadSummary}`);
}
