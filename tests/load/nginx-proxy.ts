import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/process.js';

export const nginxBinary = process.env.LOAD_NGINX ?? '/usr/sbin/nginx';

/** Whether the load test can put nginx in front, as the documented deployment does. */
export const nginxInstalled = (): boolean => existsSync(nginxBinary);

/**
 * The proxy of docs/examples/nginx.conf (round robin, WebSocket upgrades, no stickiness) on a
 * free port in front of `targets`, as a child process in a directory of its own. A server that
 * refuses a connection is left out for 5 s (`max_fails=1 fail_timeout=5s`), as in the example.
 */
export class NginxProxy {
  readonly url: string;

  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(targets: string[]): Promise<NginxProxy> {
    const port = await freePort();
    const directory = await mkdtemp(path.join(os.tmpdir(), 'crm-load-nginx-'));
    await writeFile(path.join(directory, 'nginx.conf'), config(directory, port, targets));
    const child = spawn(nginxBinary, ['-p', directory, '-e', 'error.log', '-c', 'nginx.conf'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const proxy = new NginxProxy(child, directory, port);
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) {
        const log = await readFile(path.join(directory, 'error.log'), 'utf8').catch(() => '');
        throw new Error(`nginx exited at start (${child.exitCode}): ${stderr}${log}`);
      }
      // Any answer means it listens (the servers behind it may say anything).
      if (
        await fetch(`${proxy.url}/healthz`).then(
          () => true,
          () => false,
        )
      )
        return proxy;
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.directory, { recursive: true, force: true });
  }
}

function config(directory: string, port: number, targets: string[]): string {
  const upstreams = targets
    .map((target) => `    server ${new URL(target).host} max_fails=1 fail_timeout=5s;`)
    .join('\n');
  // Run as root (CI), the workers would switch to `nobody`, who cannot write this directory.
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  return `${user}daemon off;
worker_processes 1;
pid ${path.join(directory, 'nginx.pid')};
error_log ${path.join(directory, 'error.log')} warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${path.join(directory, 'body')};
  proxy_temp_path ${path.join(directory, 'proxy')};
  fastcgi_temp_path ${path.join(directory, 'fastcgi')};
  uwsgi_temp_path ${path.join(directory, 'uwsgi')};
  scgi_temp_path ${path.join(directory, 'scgi')};
  upstream crm {
${upstreams}
    keepalive 32;
    keepalive_timeout 4s;
  }
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      '';
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 2m;
    location / {
      proxy_pass http://crm;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
    }
  }
}
`;
}
