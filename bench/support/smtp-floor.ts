import { simpleParser } from 'mailparser';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';

/** The floor: a bare smtp-server that parses each message and commits its raw bytes, then answers 250. */
export async function startFloor(pool: pg.Pool) {
  await pool.query(
    'create table floor_inbound (id bigserial primary key, message_id text, raw bytea not null, received_at timestamptz not null default now())',
  );
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', callback);
      stream.once('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) =>
            pool.query('insert into floor_inbound (message_id, raw) values ($1, $2)', [
              parsed.messageId ?? null,
              raw,
            ]),
          )
          .then(() => callback(null, 'OK'), callback);
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
