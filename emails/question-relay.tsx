import { Layout, Meta, P, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface QuestionRelayProps {
  reference: string;
  giverName: string;
  askerName: string;
  leadSummary: string;
  question: string;
}

export default function QuestionRelay(props: QuestionRelayProps) {
  return (
    <Layout preview={props.question} reason={`you handed off ${props.reference}`}>
      <Title>
        {props.askerName} has a question about {props.leadSummary}
      </Title>
      <Quote text={props.question} />
      <P>Reply to this email with your answer; Baton passes it to {props.askerName}.</P>
      <P>Their deadline keeps running meanwhile.</P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

QuestionRelay.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  askerName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  question: 'Do we know their budget? And is the 40 seats firm?',
} satisfies QuestionRelayProps;

export function subject(props: QuestionRelayProps): string {
  return subjectLine(props.reference, `Question from ${props.askerName}: ${props.leadSummary}`);
}
