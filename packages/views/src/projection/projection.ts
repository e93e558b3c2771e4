import type { RecordedEvent } from '@strata/kernel';
import type { PersonalDataVault } from '@strata/personal-data';
import type { ReadModelStore } from '@strata/read-models';

/** What a projection may use: the read models it writes, and the keys to open sealed personal data. */
export interface ProjectionContext {
  readModels: ReadModelStore;
  personalData: PersonalDataVault;
  /** Base URL of this instance, for the links rendered into content (mentions, tags). */
  publicUrl: string;
}

/**
 * A projection turns events into read-model documents. It must be idempotent (the log
 * delivers at least once) and must not assume any order between different streams.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reacts to; others never reach `apply`. */
  readonly handles: ReadonlySet<string>;
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void>;
}
