/**
 * The replicas of one upstream service, taken in turn. A replica that fails a request is
 * left out for a while, so a crashed process costs the requests it had in hand, not one
 * in N of the requests that follow; when every replica is out, all are tried again.
 */
export class Replicas {
  readonly #targets: string[];
  readonly #downUntil = new Map<string, number>();
  readonly #restMs: number;
  readonly #now: () => number;
  #next = 0;

  constructor(targets: string[], restMs = 2_000, now: () => number = Date.now) {
    if (targets.length === 0) throw new Error('an upstream needs at least one replica');
    this.#targets = targets;
    this.#restMs = restMs;
    this.#now = now;
  }

  pick(): string {
    const time = this.#now();
    for (let tried = 0; tried < this.#targets.length; tried++) {
      const target = this.#targets[this.#next++ % this.#targets.length]!;
      if ((this.#downUntil.get(target) ?? 0) <= time) return target;
    }
    return this.#targets[this.#next++ % this.#targets.length]!;
  }

  failed(target: string): void {
    this.#downUntil.set(target, this.#now() + this.#restMs);
  }
}
