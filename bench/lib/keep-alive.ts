/**
 * The benchmark clients' requests: node:http over kept-alive connections. The clients share the
 * machine's two cores with the server under test, so they should cost it as little as they can;
 * Node's fetch (undici behind the WHATWG streams and headers) cost several times what a plain
 * http.request does for the same small JSON answer, and that CPU was taken from the server.
 */
import http from 'node:http';

export type Answer = { status: number; text: string };

/** One agent per set of clients: a socket kept open for each client, reused request after request. */
export function keepAliveAgent(clients: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
}

export function send(agent: http.Agent, url: URL, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
