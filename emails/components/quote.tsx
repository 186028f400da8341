import { Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import { rule } from './layout.tsx';
import { Lines } from './lines.tsx';

const block: CSSProperties = { margin: '0 0 16px', padding: '0 0 0 12px', borderLeft: `3px solid ${rule}` };
const inner: CSSProperties = { margin: 0, fontSize: '16px', lineHeight: '24px' };

/** Someone else's words, shown as a quote (a "> " block in plain text). */
export function Quote({ text }: { text: string }) {
  return (
    <blockquote style={block}>
      <Text style={inner}>
        <Lines text={text} />
      </Text>
    </blockquote>
  );
}
