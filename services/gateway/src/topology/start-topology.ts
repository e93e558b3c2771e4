import { loadConfig } from '@strata/config';
import { startTopology } from './topology.ts';

// `bash infra/strata topology`: the gateway on PORT and every other service as its own process behind it.
const config = loadConfig();
const topology = startTopology({
  port: config.http.port,
  host: config.http.host,
  env: { ...process.env, STRATA_DOMAIN: config.domain, STRATA_PUBLIC_URL: config.publicUrl, STRATA_DATA: config.dataDir },
});
const stop = () => void topology.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
