import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback port free at the time of asking, for a child process that must be told its port. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
