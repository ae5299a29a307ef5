import http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { freePort } from '../support/process.js';

/**
 * The load balancer of the test: round robin over the servers for HTTP and WebSocket
 * upgrades alike, no stickiness. A server that refuses a connection is left out for
 * 30 seconds, as a load balancer's passive health check would.
 */
export class RoundRobinProxy {
  readonly url: string;
  private next = 0;
  private readonly downUntil = new Map<string, number>();
  // Idle upstream sockets are dropped before Node's server would close them (5 s), so a
  // request is never sent on a socket the server is closing (a spurious 502).
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 3000 });
  private readonly proxy = createProxyServer({ xfwd: true, agent: this.agent });

  private constructor(
    private readonly server: http.Server,
    port: number,
    private readonly targets: string[],
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(targets: string[]): Promise<RoundRobinProxy> {
    const port = await freePort();
    const server = http.createServer();
    const proxy = new RoundRobinProxy(server, port, targets);
    server.on('request', (req, res) => proxy.web(req, res));
    server.on('upgrade', (req, socket, head) => proxy.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    this.agent.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private pick(): string {
    const now = Date.now();
    for (let i = 0; i < this.targets.length; i++) {
      const target = this.targets[this.next++ % this.targets.length]!;
      if ((this.downUntil.get(target) ?? 0) <= now) return target;
    }
    return this.targets[this.next++ % this.targets.length]!;
  }

  private markDown(target: string, error: Error): void {
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED')
      this.downUntil.set(target, Date.now() + 30_000);
  }

  private web(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = this.pick();
    this.proxy.web(req, res, { target }, (error) => {
      this.markDown(target, error);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = this.pick();
    socket.on('error', () => socket.destroy());
    this.proxy.ws(req, socket, head, { target }, (error) => {
      this.markDown(target, error);
      socket.destroy();
    });
  }
}
