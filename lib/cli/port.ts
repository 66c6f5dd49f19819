// --port is checked before any work starts: a typo or a busy port is a usage error, not a stack trace
// after a whole onboarding run.
import net from 'node:net';
import { UsageError } from './usage-error';

export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`--port ${JSON.stringify(text)}: expected a port number from 1 to 65535, or 0 for any free port`);
  }
  return port;
}

/** Resolves when the port can be listened on at 127.0.0.1 (0 always can). */
export async function checkPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new UsageError(`port ${port} is in use on 127.0.0.1: choose another with --port, or --port 0 for any free port`));
      else if (error.code === 'EACCES') reject(new UsageError(`port ${port} needs privileges this user does not have: choose one above 1023, or --port 0`));
      else reject(new UsageError(`cannot listen on 127.0.0.1:${port}: ${error.message}`));
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
