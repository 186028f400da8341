import { Layout, Meta, P, Small, Title } from './components/layout.tsx';
import { Quote } from './components/quote.tsx';
import { subjectLine } from './components/subject.ts';

export interface AcknowledgedProps {
  reference: string;
  giverName: string;
  receiverName: string;
  leadSummary: string;
  action: string;
  dueReceiverLocal: string | null;
  dueGiverLocal: string | null;
  /** e.g. "This is later than your 48-hour reach-out target." */
  beyondReachOut: string | null;
  /** The previous commitment, when this one replaces it. */
  replaced: string | null;
}

export default function Acknowledged(props: AcknowledgedProps) {
  const { receiverName, replaced } = props;
  return (
    <Layout preview={`${receiverName}: ${props.action}`} reason={`you handed this lead to ${receiverName}`}>
      <Title>
        {replaced ? `${receiverName} changed the plan` : `${receiverName} is on it`}: {props.leadSummary}
      </Title>
      <Small>Next step:</Small>
      <Quote text={props.action} />
      <P>
        <DueLines {...props} />
      </P>
      {props.beyondReachOut ? (
        <P>
          <strong>{props.beyondReachOut}</strong>
        </P>
      ) : null}
      {replaced ? (
        <>
          <Small>This replaces the earlier plan:</Small>
          <Quote text={replaced} />
        </>
      ) : null}
      {props.dueGiverLocal ? <P>Baton will check with {receiverName} after it's due.</P> : null}
      <Meta reference={props.reference} />
    </Layout>
  );
}

function DueLines({ dueGiverLocal, dueReceiverLocal }: AcknowledgedProps) {
  if (!dueGiverLocal) return <>No time given.</>;
  if (!dueReceiverLocal || dueReceiverLocal === dueGiverLocal) return <>Due {dueGiverLocal}.</>;
  return (
    <>
      Due:
      <br />
      <strong>{dueGiverLocal}</strong> your time
      <br />
      {dueReceiverLocal} their time
    </>
  );
}

Acknowledged.PreviewProps = {
  reference: 'H-1042',
  giverName: 'Sam Lee',
  receiverName: 'Bob Smith',
  leadSummary: 'Jane Doe, VP Operations at Acme (jane@acme.com)',
  action: "I'll call her tomorrow at 10 about the Salesforce sync.",
  dueReceiverLocal: 'Wed 25 Nov 2026, 10:00 CET (Europe/Berlin)',
  dueGiverLocal: 'Wed 25 Nov 2026, 04:00 EST (America/New_York)',
  beyondReachOut: null,
  replaced: null,
} satisfies AcknowledgedProps;

export function subject(props: AcknowledgedProps): string {
  const verb = props.replaced ? 'rescheduled' : 'is on it';
  return subjectLine(props.reference, `${props.receiverName} ${verb}: ${props.leadSummary}`);
}
