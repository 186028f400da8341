import { Layout, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface UnknownReceiverProps {
  giverName: string;
  attempted: string | null;
  known: Array<{ name: string; email: string; kind: 'member' | 'team' }>;
}

export default function UnknownReceiver(props: UnknownReceiverProps) {
  const { attempted } = props;
  return (
    <Layout
      preview="Nobody received it. Send it again with a receiver Baton knows."
      reason="you sent a handoff to Baton"
    >
      <Title>
        {attempted
          ? `Not sent: Baton doesn't know “${attempted}”`
          : 'Not sent: who should receive this handoff?'}
      </Title>
      <P>
        Nobody has received it. Send it again with the receiver in To or Cc, or with a line “Receiver:
        name@example.com”.
      </P>
      {props.known.length > 0 ? (
        <>
          <P>People and teams Baton knows:</P>
          <ul style={{ margin: '0 0 16px', paddingLeft: '20px', fontSize: '16px', lineHeight: '24px' }}>
            {props.known.map((entry) => (
              <li key={entry.email + entry.name}>
                {entry.name}
                {entry.kind === 'team' ? ' (team)' : ''} — {entry.email}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

UnknownReceiver.PreviewProps = {
  giverName: 'Sam Lee',
  attempted: 'rob@example.com',
  known: [
    { name: 'Bob Smith', email: 'bob@example.com', kind: 'member' },
    { name: 'Dana Kim', email: 'dana@example.com', kind: 'member' },
    { name: 'Sales leads', email: 'sales-leads@handoffs.example.com', kind: 'team' },
  ],
} satisfies UnknownReceiverProps;

export function subject(props: UnknownReceiverProps): string {
  return subjectLine(
    null,
    props.attempted
      ? `Handoff not sent: Baton doesn't know ${props.attempted}`
      : 'Handoff not sent: no receiver',
  );
}
