import { Link, Text } from '@react-email/components';
import { type CSSProperties, Fragment } from 'react';
import type { AttachmentLine } from '../../src/core/handoff/attachments.ts';

const list: CSSProperties = { margin: '0 0 16px', fontSize: '16px', lineHeight: '24px' };

/**
 * The files that came with a handoff, each with its size and where it is: attached to this email,
 * linked to the handoff's page (too large to attach), or missing (it could not be read back).
 */
export function AttachmentList(props: {
  attachments: readonly AttachmentLine[] | undefined;
  giverName: string;
  reference: string;
}) {
  const { attachments, giverName, reference } = props;
  if (!attachments || attachments.length === 0) return null;
  return (
    <Text style={list}>
      <strong>
        {attachments.length === 1 ? 'File' : 'Files'} from {giverName}:
      </strong>
      {attachments.map((a, i) => (
        // Two files may share a name; their position in the list is what tells them apart.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once and never reordered
        <Fragment key={i}>
          <br />
          {`${a.filename}, ${a.size} — `}
          <Where line={a} giverName={giverName} reference={reference} />
        </Fragment>
      ))}
    </Text>
  );
}

function Where(props: { line: AttachmentLine; giverName: string; reference: string }) {
  const { line, giverName, reference } = props;
  if (line.delivery === 'attached') return <>attached</>;
  if (line.delivery === 'missing') return <>could not be attached; ask {giverName} to send it again</>;
  return line.href ? (
    <>
      too large to attach: <Link href={line.href}>download it from the handoff's page</Link>
    </>
  ) : (
    <>too large to attach: download it from {reference}'s page on Baton's dashboard</>
  );
}
