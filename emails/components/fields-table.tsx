import { Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import { rule } from './layout.tsx';
import { Lines } from './lines.tsx';

export type Field = { label: string; value: string };

const box: CSSProperties = { margin: '0 0 16px', borderLeft: `3px solid ${rule}` };
const row: CSSProperties = { margin: '0 0 8px', paddingLeft: '12px', fontSize: '16px', lineHeight: '24px' };

// One "Label: value" paragraph per field rather than a two-column table: it stacks well on a phone
// and the plain-text version reads "Lead: Jane Doe" instead of label and value on separate lines.
export function FieldsTable({ fields }: { fields: Field[] }) {
  if (fields.length === 0) return null;
  return (
    <Section style={box}>
      {fields.map((field) => {
        const multiline = field.value.includes('\n');
        return (
          <Text key={field.label} style={row}>
            <strong>{field.label}:</strong>
            {multiline ? <br /> : ' '}
            <Lines text={field.value.trim() === '' ? '—' : field.value} />
          </Text>
        );
      })}
    </Section>
  );
}
