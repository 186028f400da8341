import { Layout, Meta, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface RefusalProps {
  reason: 'token-invalid' | 'not-allowed' | 'no-handoff' | 'closed' | 'which-handoff';
  reference: string | null;
  detail: string;
}

function explain(props: RefusalProps): { title: string; next: string } {
  const handoff = props.reference ?? 'this handoff';
  switch (props.reason) {
    case 'token-invalid':
      return {
        title: "Baton couldn't tell which handoff your reply is about",
        next: 'Please reply directly to the latest Baton email about the handoff, without changing the address.',
      };
    case 'not-allowed':
      return {
        title: `Your reply wasn't applied to ${handoff}`,
        next: 'Only its receiver and the people in its escalation chain can act on it by reply.',
      };
    case 'no-handoff':
      return {
        title: `Baton couldn't find ${handoff}`,
        next: 'Check the reference, or reply to the latest Baton email about it.',
      };
    case 'which-handoff':
      return {
        title: 'Which handoff is your reply about?',
        next: 'Your reply went to an email listing several handoffs. Reply again starting with the one you mean, say “H-1042: I’ll call them tomorrow at 10”, or write to that handoff’s own reply address.',
      };
    case 'closed':
      return {
        title: `${props.reference ?? 'This handoff'} is already closed`,
        next: 'Your reply changed nothing. To pass the lead on again, send a new handoff.',
      };
  }
}

export default function Refusal(props: RefusalProps) {
  const { title, next } = explain(props);
  return (
    <Layout preview={next} reason="you wrote to Baton">
      <Title>{title}</Title>
      <P>{next}</P>
      {props.detail ? <P>{props.detail}</P> : null}
      <Meta reference={props.reference} />
    </Layout>
  );
}

Refusal.PreviewProps = {
  reason: 'closed',
  reference: 'H-1042',
  detail: 'Bob Smith marked it done on Thu 26 Nov 2026.',
} satisfies RefusalProps;

export function subject(props: RefusalProps): string {
  return subjectLine(props.reference, "Your reply wasn't applied");
}
