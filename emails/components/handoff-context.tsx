import { type Field, FieldsTable } from './fields-table.tsx';
import { type Forwarded, ForwardedEmail } from './forwarded-email.tsx';
import { Small } from './layout.tsx';
import { Quote } from './quote.tsx';

/** What a lead is about, as an escalation shows it: fields, the giver's note, the forward, the history so far. */
export function HandoffContext(props: {
  fields: Field[];
  giverName: string;
  note: string | null;
  forwarded: Forwarded;
  timeline: ReadonlyArray<{ at: string; text: string }>;
  /** Space under the history list: tighter inside a bundle of several handoffs. */
  gap?: string;
}) {
  return (
    <>
      <FieldsTable fields={props.fields} />
      {props.note ? (
        <>
          <Small>Note from {props.giverName}:</Small>
          <Quote text={props.note} />
        </>
      ) : null}
      <ForwardedEmail forwarded={props.forwarded} />
      {props.timeline.length > 0 ? (
        <>
          <Small>What happened so far:</Small>
          <ul
            style={{
              margin: `0 0 ${props.gap ?? '16px'}`,
              paddingLeft: '20px',
              fontSize: '14px',
              lineHeight: '20px',
            }}
          >
            {props.timeline.map((event) => (
              <li key={event.at + event.text}>
                {event.at} — {event.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
