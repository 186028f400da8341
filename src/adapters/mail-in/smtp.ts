import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** What the application answers to a recipient or a message: accept, or an SMTP code and text. */
export type InboundVerdict = { ok: true } | { ok: false; code: number; message: string };

export interface InboundEnvelope {
  /** MAIL FROM address; null for the null reverse-path (`MAIL FROM:<>`) that bounces use. */
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string;
  /** The name the client gave in EHLO/HELO (SPF checks it for the null sender), null when none. */
  helo: string | null;
}

export interface SmtpOptions {
  host: string;
  /** 0 picks a free port; the bound one is returned. */
  port: number;
  /** STARTTLS is offered only when a key and certificate are given. */
  tls?: { key: Buffer; cert: Buffer } | null;
  /** Largest accepted message in bytes; default 25 MB. */
  maxSize?: number;
  /** RCPT TO check, e.g. only addresses at the mail domain. */
  acceptRecipient(address: string): InboundVerdict;
  /** The whole message; the client gets 250 only after this resolves ok. */
  onMessage(raw: Buffer, envelope: InboundEnvelope): Promise<InboundVerdict>;
  log: {
    info(msg: string, data?: object): void;
    warn(msg: string, data?: object): void;
    error(msg: string, data?: object): void;
  };
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_SIZE = 25 * 1024 * 1024;

function replyError(code: number, message: string): Error & { responseCode: number } {
  // smtp-server writes the code itself; a code or a line break in the text would garble the reply.
  const text = message
    .replace(/[\r\n]+/g, ' ')
    .replace(/^\s*\d{3}[\s-]+/, '')
    .trim();
  const error = new Error(text || 'Rejected') as Error & { responseCode: number };
  error.responseCode = Number.isInteger(code) && code >= 400 && code < 600 ? code : 451;
  return error;
}

function temporaryFailure(): Error {
  return replyError(451, 'Temporary failure, please try again later');
}

function envelopeOf(session: SMTPServerSession): InboundEnvelope {
  const mailFrom = session.envelope.mailFrom;
  return {
    mailFrom: mailFrom && mailFrom.address !== '' ? mailFrom.address : null,
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
    remoteAddress: session.remoteAddress,
    helo: session.hostNameAppearsAs || null,
  };
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Past the limit the rest is drained, not kept: the message is refused anyway.
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/**
 * Starts an SMTP listener that hands each received message, buffered whole, to `onMessage` and
 * answers with its verdict. Resolves once the port is bound.
 */
export async function startSmtp(options: SmtpOptions): Promise<SmtpListener> {
  const { log } = options;
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const tls = options.tls ?? null;

  const server = new SMTPServer({
    logger: false,
    secure: false,
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    authOptional: true,
    // Nobody authenticates to an inbound MX, and without our own certificate smtp-server would
    // offer STARTTLS with its bundled self-signed one.
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    // The reverse lookup only feeds smtp-server's own logging and stalls every connection offline.
    disableReverseLookup: true,
    size: maxSize,
    rejectOversized: true,

    onRcptTo(address, _session, callback) {
      let verdict: InboundVerdict;
      try {
        verdict = options.acceptRecipient(address.address);
      } catch (error) {
        log.error('smtp recipient check failed', { error: (error as Error).message });
        return callback(temporaryFailure());
      }
      callback(verdict.ok ? null : replyError(verdict.code, verdict.message));
    },

    onData(stream, session, callback) {
      const envelope = envelopeOf(session);
      readAll(stream)
        .then(async (raw) => {
          if (raw === null) {
            log.warn('smtp message over the size limit', {
              bytes: stream.byteLength,
              maxSize,
              remoteAddress: envelope.remoteAddress,
            });
            return callback(replyError(552, 'Message exceeds fixed maximum message size'));
          }
          let verdict: InboundVerdict;
          try {
            verdict = await options.onMessage(raw, envelope);
          } catch (error) {
            log.error('smtp message handling failed', {
              error: (error as Error).message,
              bytes: raw.length,
              remoteAddress: envelope.remoteAddress,
            });
            return callback(temporaryFailure());
          }
          if (!verdict.ok) {
            log.info('smtp message refused', {
              code: verdict.code,
              bytes: raw.length,
              remoteAddress: envelope.remoteAddress,
            });
            return callback(replyError(verdict.code, verdict.message));
          }
          log.info('smtp message accepted', {
            bytes: raw.length,
            recipients: envelope.rcptTo.length,
            remoteAddress: envelope.remoteAddress,
          });
          callback(null, 'OK: message accepted');
        })
        .catch((error: unknown) => {
          log.error('smtp data stream failed', { error: (error as Error).message });
          callback(temporaryFailure());
        });
    },
  });

  // Connection-level failures (resets, TLS handshakes gone wrong) arrive here; without a listener
  // they would crash the process.
  server.on('error', (error: Error) => {
    log.warn('smtp connection error', { error: error.message });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });

  const port = (server.server.address() as AddressInfo).port;
  log.info('smtp listening', { host: options.host, port, starttls: tls !== null, maxSize });

  let closing: Promise<void> | null = null;
  return {
    port,
    close() {
      // Stops accepting, lets open sessions finish, then ends the stragglers (smtp-server's closeTimeout).
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}
