import type { EventEmitter } from 'node:events';
import type { RecordedEvent } from '@strata/kernel';
import type { StoreSubscription } from '../port.ts';

const BATCH = 500;

interface PollingOptions {
  read(after: number, limit: number): RecordedEvent[];
  handler(event: RecordedEvent): Promise<void>;
  after: number;
  pollIntervalMs: number;
  changes: EventEmitter;
}

/**
 * Catches up in batches, then waits for the next append: woken at once by appends in
 * this process, and by polling for appends that other processes made to the same file.
 */
export class PollingSubscription implements StoreSubscription {
  readonly done: Promise<void>;
  #stopped = false;
  #wake: (() => void) | undefined;

  private readonly options: PollingOptions;

  constructor(options: PollingOptions) {
    this.options = options;
    this.done = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.done.catch(() => {});
  }

  async #run(): Promise<void> {
    let after = this.options.after;
    while (!this.#stopped) {
      const batch = this.options.read(after, BATCH);
      for (const event of batch) {
        if (this.#stopped) return;
        await this.options.handler(event);
        after = event.position;
      }
      if (batch.length < BATCH) await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.options.changes.off('appended', done);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.options.changes.on('appended', done);
      this.#wake = done;
    });
  }

  static waitForChange(changes: EventEmitter, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        changes.off('appended', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      changes.on('appended', done);
    });
  }
}
