import type { AppInstance } from '../../src/app.js';

/**
 * Time spent inside the server per request (Fastify's reply.elapsedTime: from receiving the
 * request to finishing the answer), so that HTTP time splits into the server's part and the
 * part of the client and the connection. One onResponse hook; it only reads a clock.
 */
export class ServerTiming {
  private current: number[] | null = null;

  constructor(app: AppInstance) {
    app.addHook('onResponse', async (_req, reply) => {
      this.current?.push(reply.elapsedTime);
    });
  }

  /** Runs `work` and answers the server-side times of the requests it made. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; times: number[] }> {
    const times: number[] = [];
    this.current = times;
    try {
      return { result: await work(), times };
    } finally {
      this.current = null;
    }
  }
}
