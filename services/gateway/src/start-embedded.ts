import { ConfigError, loadConfig } from '@strata/config';
import { documentPolicyOf, installOutboundDispatcher } from '@strata/federation';
import { createLogger } from '@strata/logging';
import { stopOnSignals } from '@strata/runtime';
import { startEmbedded } from './embedded.ts';

// `pnpm start`: the whole of Strata in one process, data under STRATA_DATA.
try {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'strata' });
  // every `fetch` of this process goes to other servers (Fedify, previews): through the outbound pool
  installOutboundDispatcher(documentPolicyOf(config.federation));
  const strata = await startEmbedded(config, logger);
  stopOnSignals(strata, logger);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`strata: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
