import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface DoneProps {
  reference: string;
  giverName: string;
  receiverName: string;
  leadSummary: string;
  text: string;
}

export default function Done(props: DoneProps) {
  return (
    <Layout preview={props.text} reason={`you handed this lead to ${props.receiverName}`}>
      <Title>Done: {props.leadSummary}</Title>
      <Small>{props.receiverName} wrote:</Small>
      <Quote text={props.text} />
      <P>The handoff is closed. Nothing more needed from you.</P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

Done.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  text: 'Called her, demo booked for Thursday.',
} satisfies DoneProps;

export function subject(props: DoneProps): string {
  return subjectLine(props.reference, `Done: ${props.leadSummary}`);
}
