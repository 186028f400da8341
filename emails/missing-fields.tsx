import { Section } from '@react-email/components';
import { type Field, FieldsTable } from './components/fields-table.tsx';
import { Layout, Meta, P, rule, Small, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface MissingFieldsProps {
  giverName: string;
  playbookName: string;
  missing: Array<{ label: string; hint: string }>;
  provided: Field[];
  /** e.g. "Trigger: \nSummary: \n", shown monospaced for copying into the reply. */
  fillInBlock: string;
  /** The sender named by a forward that shows no address ("John Doe"): said, so the giver adds it. */
  forwardWithoutAddress?: string | null;
  reference: string | null;
}

const fillIn = {
  margin: '0 0 16px',
  padding: '12px',
  border: `1px solid ${rule}`,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: '15px',
  lineHeight: '22px',
  whiteSpace: 'pre-wrap',
} as const;

export default function MissingFields(props: MissingFieldsProps) {
  const labels = joinLabels(props.missing.map((field) => field.label));
  return (
    <Layout preview={`Reply with ${labels} and it goes out.`} reason="you sent a handoff to Baton">
      <Title>Not sent yet: your handoff needs {labels}</Title>
      <P>
        Nobody has received it so far. {props.playbookName} handoffs need{' '}
        {props.missing.length === 1 ? 'this field' : 'these fields'}:
      </P>
      {props.forwardWithoutAddress ? (
        <P>
          I found a forward from '{props.forwardWithoutAddress}' but no address: add the lead's email address
          on the Lead line.
        </P>
      ) : null}
      <Section style={{ margin: '0 0 16px' }}>
        <ul style={{ margin: 0, paddingLeft: '20px', fontSize: '16px', lineHeight: '24px' }}>
          {props.missing.map((field) => (
            <li key={field.label}>
              <strong>{field.label}</strong> — {field.hint}
            </li>
          ))}
        </ul>
      </Section>
      <P>Reply to this email with these lines filled in. What you already sent is kept.</P>
      <pre style={fillIn}>{props.fillInBlock.replace(/\n+$/, '')}</pre>
      {props.provided.length > 0 ? (
        <>
          <Small>What Baton has so far:</Small>
          <FieldsTable fields={props.provided} />
        </>
      ) : null}
      <Meta reference={props.reference} parts={[props.playbookName]} />
    </Layout>
  );
}

function joinLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

MissingFields.PreviewProps = {
  giverName: 'Sam Lee',
  playbookName: 'MQL to SAL',
  missing: [
    { label: 'Trigger', hint: 'what made them engage, e.g. “demo request after the pricing webinar”' },
    { label: 'Summary', hint: '2–3 sentences on their main question or pain' },
  ],
  provided: [
    { label: 'Lead', value: 'Jane Doe, VP Operations at Acme (jane@acme.com)' },
    { label: 'Channel', value: 'Phone' },
  ],
  fillInBlock: 'Trigger: \nSummary: \n',
  reference: 'H-1042',
} satisfies MissingFieldsProps;

export function subject(props: MissingFieldsProps): string {
  return subjectLine(
    props.reference,
    `Handoff not sent yet: missing ${joinLabels(props.missing.map((f) => f.label))}`,
  );
}
