import { Layout, Meta, P, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface AnswerRelayProps {
  reference: string;
  receiverName: string;
  giverName: string;
  leadSummary: string;
  answer: string;
  deadlineLocal: string;
}

export default function AnswerRelay(props: AnswerRelayProps) {
  return (
    <Layout preview={props.answer} reason={`you asked about handoff ${props.reference}`}>
      <Title>
        {props.giverName} answered your question about {props.leadSummary}
      </Title>
      <Quote text={props.answer} />
      <P>
        Please reply by <strong>{props.deadlineLocal}</strong> with your next step and when.
      </P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

AnswerRelay.PreviewProps = {
  reference: 'H-1042',
  receiverName: 'Bob Smith',
  giverName: 'Sam Lee',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  answer: 'Budget is approved for this quarter, about 20k. 40 seats is firm.',
  deadlineLocal: 'Tue 24 Nov 2026, 15:00 CET (Europe/Berlin)',
} satisfies AnswerRelayProps;

export function subject(props: AnswerRelayProps): string {
  return subjectLine(props.reference, `Answer from ${props.giverName}: ${props.leadSummary}`);
}
