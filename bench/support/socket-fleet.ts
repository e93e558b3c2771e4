import WebSocket from 'ws';
import { percentile } from '../measure.ts';

/** Many WebSocket clients in the benchmark's process; the server under test runs in another. */
export class SocketFleet {
  readonly #sockets: WebSocket[] = [];
  #received: ((at: bigint, data: string) => void) | undefined;

  get size() {
    return this.#sockets.length;
  }

  async open(count: number, url: (i: number) => string, headers: (i: number) => Record<string, string> = () => ({})) {
    for (let i = 0; i < count; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, (_, k) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(url(i + k), { headers: headers(i + k) });
            socket.once('open', () => resolve());
            socket.once('error', reject);
            socket.on('message', (data) => this.#received?.(process.hrtime.bigint(), String(data)));
            this.#sockets.push(socket);
          }),
        ),
      );
    }
  }

  /**
   * Latencies (ms) from `trigger` to each socket's first message, over `rounds` rounds;
   * a round ends when every socket heard or after 30 s. Also returns one payload seen.
   */
  async measure(rounds: number, trigger: (round: number) => Promise<void>): Promise<{ p50: number; p99: number; delivered: number; expected: number; sample: string }> {
    const latencies: number[] = [];
    let sample = '';
    for (let round = 0; round < rounds; round++) {
      let arrived = 0;
      const started = process.hrtime.bigint();
      const all = new Promise<void>((resolve) => {
        this.#received = (at, data) => {
          sample ||= data;
          latencies.push(Number(at - started) / 1e6);
          if (++arrived === this.#sockets.length) resolve();
        };
      });
      await trigger(round);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
      clearTimeout(timer);
      this.#received = undefined;
    }
    latencies.sort((a, b) => a - b);
    return { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), delivered: latencies.length, expected: rounds * this.#sockets.length, sample };
  }

  close() {
    for (const socket of this.#sockets.splice(0)) socket.terminate();
  }
}
