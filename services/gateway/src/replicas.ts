import { connect } from 'node:net';

/**
 * The replicas of one upstream service, taken in turn. A replica that fails a request is
 * left out until it accepts connections again (probed every `probeMs`), so a crashed or
 * restarting process costs the requests it had in hand, not one in N of those that
 * follow; when every replica is out, all are tried again.
 */
export class Replicas {
  readonly #targets: string[];
  readonly #down = new Set<string>();
  readonly #probe: (target: string) => Promise<boolean>;
  readonly #probeMs: number;
  #timer: NodeJS.Timeout | undefined;
  #next = 0;

  constructor(targets: string[], options: { probe?: (target: string) => Promise<boolean>; probeMs?: number } = {}) {
    if (targets.length === 0) throw new Error('an upstream needs at least one replica');
    this.#targets = targets;
    this.#probe = options.probe ?? acceptsConnections;
    this.#probeMs = options.probeMs ?? 500;
  }

  pick(): string {
    for (let tried = 0; tried < this.#targets.length; tried++) {
      const target = this.#targets[this.#next++ % this.#targets.length]!;
      if (!this.#down.has(target)) return target;
    }
    return this.#targets[this.#next++ % this.#targets.length]!;
  }

  failed(target: string): void {
    this.#down.add(target);
    this.#timer ??= setInterval(() => void this.#probeDown(), this.#probeMs).unref();
  }

  async #probeDown() {
    for (const target of [...this.#down]) {
      if (await this.#probe(target)) this.#down.delete(target);
    }
    if (this.#down.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}

/** Whether the replica's port takes a TCP connection: a restarting process does not yet. */
export function acceptsConnections(target: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(target);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) || 80, timeout: timeoutMs });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
