import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import * as pgCloudflare from 'pg-cloudflare';

type WriteCallback = (error?: unknown) => void;

interface WorkersSocket extends EventEmitter {
  write(
    data: Uint8Array | string,
    encoding?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): true | void;
}

// The bundle resolves pg-cloudflare's workerd entry (the socket class); TypeScript resolves its
// Node entry, which is empty, so the class is typed here.
const { CloudflareSocket } = pgCloudflare as unknown as {
  CloudflareSocket: new (ssl: boolean) => WorkersSocket;
};

/**
 * pg-cloudflare's socket, corkable. pg corks its socket around the messages of one extended query
 * (parse, bind, describe, execute, sync) when the socket can be corked; pg-cloudflare's cannot, so
 * each message was its own write through the Workers socket (five per query) and the server waited
 * for the rest of the query behind each one. Corked, the messages of a query leave in one write.
 */
export class CorkedCloudflareSocket extends CloudflareSocket {
  #corked = 0;
  #chunks: Uint8Array[] = [];
  #callbacks: WriteCallback[] = [];

  cork(): void {
    this.#corked += 1;
  }

  uncork(): void {
    if (this.#corked === 0) return;
    this.#corked -= 1;
    if (this.#corked > 0 || this.#chunks.length === 0) return;
    const data = Buffer.concat(this.#chunks);
    const callbacks = this.#callbacks;
    this.#chunks = [];
    this.#callbacks = [];
    super.write(data, (error?: unknown) => {
      for (const callback of callbacks) callback(error);
    });
  }

  override write(
    data: Uint8Array | string,
    encodingOrCallback?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): true | void {
    if (this.#corked === 0) {
      return super.write(data, encodingOrCallback, callback);
    }
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : 'utf8';
    this.#chunks.push(typeof data === 'string' ? Buffer.from(data, encoding) : data);
    if (done) this.#callbacks.push(done);
    return true;
  }
}

/**
 * The `stream` option of a pg pool on Workers. pg calls it with the connection's config (its types
 * say no argument, and a Duplex, which pg only uses as the emitter-with-write this socket is).
 */
export const corkedCloudflareStream = ((config?: { ssl?: unknown }) =>
  new CorkedCloudflareSocket(Boolean(config?.ssl))) as unknown as () => Duplex;
