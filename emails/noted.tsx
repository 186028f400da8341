import { Layout, Meta, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

/**
 * A short answer in the thread of the message it answers: what Baton understood or did, and what
 * the reader can do about it (the receiver's confirmation, the giver's command done or not).
 */
export interface NotedProps {
  reference: string;
  /** One line: what Baton understood or did. */
  title: string;
  /** What it changes, one sentence each. */
  lines: readonly string[];
  /** What the reader can do next, e.g. "Reply to correct it." */
  next: string;
  /** Completes "You get this because …". */
  reason: string;
}

export default function Noted(props: NotedProps) {
  return (
    <Layout preview={props.next} reason={props.reason}>
      <Title>{props.title}</Title>
      {props.lines.map((line) => (
        <P key={line}>{line}</P>
      ))}
      <P>{props.next}</P>
      <Meta reference={props.reference} />
    </Layout>
  );
}

Noted.PreviewProps = {
  reference: 'H-1042',
  title: 'Noted: call Jane — Thu 10 Dec 2026, 14:00 (Europe/Berlin)',
  lines: ['Maya Patel has been told.'],
  next: 'Reply to correct it.',
  reason: 'you answered handoff H-1042',
} satisfies NotedProps;

export function subject(props: NotedProps): string {
  return subjectLine(props.reference, props.title);
}
