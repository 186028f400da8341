import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';

// No background fills anywhere: text colour is inherited from the client, so it stays readable
// whether the client keeps light mode, renders natively dark or inverts colours. The only fixed
// colours are mid greys that keep about 4.5:1 contrast on both white and near-black.
export const muted = '#767676';
export const rule = '#8c8c8c';

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif, "Apple Color Emoji"';

const body: CSSProperties = { margin: 0, padding: 0, fontFamily };
const container: CSSProperties = { maxWidth: '560px', padding: '16px' };
const brand: CSSProperties = {
  margin: '0 0 12px',
  fontSize: '13px',
  lineHeight: '20px',
  fontWeight: 700,
  letterSpacing: '0.04em',
  color: muted,
};
const paragraph: CSSProperties = { margin: '0 0 16px', fontSize: '16px', lineHeight: '24px' };
const small: CSSProperties = { margin: '0 0 16px', fontSize: '14px', lineHeight: '20px', color: muted };
const title: CSSProperties = { margin: '0 0 16px', fontSize: '20px', lineHeight: '28px', fontWeight: 700 };

interface LayoutProps {
  /** The inbox preview line; keep it to the one thing the reader must know. */
  preview: string;
  /** Completes "You get this because …". */
  reason: string;
  /** Mail sent in a person's name (to a lead) never mentions Baton; `footnote` ends its footer instead. */
  personal?: { footnote: string };
  children: ReactNode;
}

export function Layout({ preview, reason, personal, children }: LayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Body style={body}>
        <Preview>{preview}</Preview>
        <Container style={container}>
          {/* Skipped in plain text so that version opens with the line that matters. */}
          {personal ? null : (
            <Text data-skip-in-text="true" style={brand}>
              Baton
            </Text>
          )}
          {children}
          <Hr style={{ margin: '24px 0 12px', border: 'none', borderTop: `1px solid ${rule}` }} />
          <Text style={small}>
            You get this because {reason}. {personal ? personal.footnote : 'Baton never needs you to log in.'}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={title}>
      {children}
    </Heading>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

export function Small({ children }: { children: ReactNode }) {
  return <Text style={small}>{children}</Text>;
}

/** A quiet line of identifiers, e.g. "Handoff H-1042 · MQL to SAL · from Sam Lee". */
export function Meta({ reference, parts = [] }: { reference: string | null; parts?: Array<string | null> }) {
  const shown = [reference ? `Handoff ${reference}` : null, ...parts].filter((part): part is string =>
    Boolean(part),
  );
  return shown.length > 0 ? <Small>{shown.join(' · ')}</Small> : null;
}
