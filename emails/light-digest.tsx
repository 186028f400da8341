import { type Field, FieldsTable } from './components/fields-table.tsx';
import { Layout, P, Title } from './components/layout.tsx';
import { subjectLine } from './components/subject.ts';

export interface LightDigestProps {
  receiverName: string;
  dateLocal: string;
  items: Array<{ reference: string; leadSummary: string; fields: Field[] }>;
}

export default function LightDigest(props: LightDigestProps) {
  const count = props.items.length;
  return (
    <Layout
      preview={props.items.map((lead) => lead.leadSummary).join(' · ')}
      reason="leads are routed to you on Baton"
    >
      <Title>
        {count === 1 ? '1 lead' : `${count} leads`} for you, {props.dateLocal}
      </Title>
      <P>No deadline and no escalation on these: follow up when it suits you.</P>
      {props.items.map((lead) => (
        <div key={lead.reference}>
          <P>
            <strong>
              {lead.reference} · {lead.leadSummary}
            </strong>
          </P>
          <FieldsTable fields={lead.fields} />
        </div>
      ))}
    </Layout>
  );
}

LightDigest.PreviewProps = {
  receiverName: 'Bob Smith',
  dateLocal: 'Wed 25 Nov 2026',
  items: [
    {
      reference: 'H-1060',
      leadSummary: 'Priya Nair, Ops Analyst at Fabrikam',
      fields: [
        { label: 'Need', value: 'Pricing for a 5-seat team' },
        { label: 'Channel', value: 'Email' },
      ],
    },
    {
      reference: 'H-1061',
      leadSummary: 'Tom Berg, Founder at Tailspin',
      fields: [
        { label: 'Need', value: 'Asked whether there is a free trial' },
        { label: 'Channel', value: 'LinkedIn' },
      ],
    },
  ],
} satisfies LightDigestProps;

export function subject(props: LightDigestProps): string {
  const only = props.items.length === 1 ? props.items[0] : undefined;
  if (only) return subjectLine(only.reference, `Lead for ${props.dateLocal}: ${only.leadSummary}`);
  return subjectLine(null, `${props.items.length} leads for ${props.dateLocal}`);
}
