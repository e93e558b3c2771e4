import type { RecordedEvent } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';

/**
 * A projection turns events into read-model documents. It must be idempotent (the log
 * delivers at least once) and must not assume any order between different streams.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reacts to; others never reach `apply`. */
  readonly handles: ReadonlySet<string>;
  apply(event: RecordedEvent, store: ReadModelStore): Promise<void>;
}
