import type { StrataConfig } from '@strata/config';
import type { MediaStorage } from '@strata/media';
import type { ReadModelStore } from '@strata/read-models';

/** What rendering Mastodon entities needs; the API and the streaming service both have it. */
export interface PresenterDeps {
  config: StrataConfig;
  media: MediaStorage;
  readModels(): Promise<ReadModelStore>;
}
