import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentSchema } from './index.ts';

/**
 * docker-compose.yml and the Helm chart name services and set variables by hand; this
 * keeps them from drifting away from the code: every service they run must exist under
 * services/ with a src/main.ts, and every variable must be one the config schema reads.
 */
const root = resolve(import.meta.dirname, '../../..');
const chart = join(root, 'infra/helm/strata');
/** Read by Node and by the service launcher (infra/Dockerfile), not by the config schema. */
const outsideSchema = new Set(['NODE_ENV', 'STRATA_SERVICE']);

interface Deployment {
  source: string;
  services: string[];
  variables: string[];
}

type Environment = Record<string, unknown> | string[] | undefined;

function variableNames(environment: Environment): string[] {
  if (!environment) return [];
  if (Array.isArray(environment)) return environment.map((entry) => entry.split('=')[0]!);
  return Object.keys(environment).filter((key) => key !== '<<');
}

/** Strata's containers are those that say which service they run; the engines' are left alone. */
export function readCompose(text: string, source = 'docker-compose.yml'): Deployment {
  const compose = parse(text, { merge: true }) as { services: Record<string, { environment?: Environment }> };
  const services: string[] = [];
  const variables = new Set<string>();
  for (const definition of Object.values(compose.services)) {
    const environment = definition.environment;
    const service = !environment || Array.isArray(environment) ? undefined : environment['STRATA_SERVICE'];
    if (typeof service !== 'string') continue;
    services.push(service);
    for (const name of variableNames(environment)) variables.add(name);
  }
  return { source, services, variables: [...variables] };
}

/** Templates are not YAML until rendered, so their variable names are read line by line. */
function templateVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/^\s*-?\s*name:\s*"?([A-Z][A-Z0-9_]*)"?\s*$/gm)) names.add(match[1]!);
  for (const match of text.matchAll(/^\s*(STRATA_[A-Z0-9_]+|PORT|NODE_ENV):/gm)) names.add(match[1]!);
  return [...names];
}

function readChart(): Deployment {
  const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as {
    services: Record<string, unknown>;
    config: Record<string, unknown>;
    secrets: Record<string, unknown>;
  };
  const templates = readdirSync(join(chart, 'templates')).filter((file) => file.endsWith('.yaml'));
  const fromTemplates = templates.flatMap((file) => templateVariables(readFileSync(join(chart, 'templates', file), 'utf8')));
  return {
    source: 'infra/helm/strata',
    services: Object.keys(values.services),
    variables: [...new Set([...Object.keys(values.config), ...Object.keys(values.secrets), ...fromTemplates])],
  };
}

/** Each problem as a sentence naming the file and the service or variable. */
export function driftProblems(deployment: Deployment): string[] {
  const known = new Set(Object.keys(environmentSchema.shape));
  const problems: string[] = [];
  for (const service of deployment.services) {
    if (!existsSync(join(root, 'services', service, 'src/main.ts'))) {
      problems.push(`${deployment.source} runs service "${service}" but services/${service}/src/main.ts does not exist`);
    }
  }
  for (const name of deployment.variables) {
    if (!known.has(name) && !outsideSchema.has(name)) {
      problems.push(`${deployment.source} sets ${name}, which the config schema (packages/config/src/index.ts) does not read`);
    }
  }
  return problems;
}

describe('deployment files', () => {
  const compose = readCompose(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
  const helm = readChart();

  it('docker-compose.yml runs only existing services with known variables', () => {
    expect(compose.services).toEqual(expect.arrayContaining(['gateway', 'api', 'inbox', 'streaming', 'projector', 'delivery', 'relay']));
    expect(compose.variables).toContain('STRATA_KAFKA_BROKERS');
    expect(driftProblems(compose)).toEqual([]);
  });

  it('the Helm chart runs only existing services with known variables', () => {
    expect(helm.services).toEqual(expect.arrayContaining(['gateway', 'api', 'inbox', 'streaming', 'projector', 'delivery', 'relay']));
    // read from values (ConfigMap, Secret) and from the templates themselves
    expect(helm.variables).toEqual(expect.arrayContaining(['STRATA_MODE', 'STRATA_MONGO_URL', 'STRATA_API_URL', 'STRATA_SERVICE']));
    expect(driftProblems(helm)).toEqual([]);
  });

  it('the Helm chart probes the health endpoints on port 3000 and runs one relay', () => {
    const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as {
      probes: { liveness: { path: string }; readiness: { path: string } };
      services: Record<string, { replicas: number; probes: boolean }>;
    };
    expect([values.probes.liveness.path, values.probes.readiness.path]).toEqual(['/health/live', '/health/ready']);
    const deployments = readFileSync(join(chart, 'templates/deployments.yaml'), 'utf8');
    expect(deployments.match(/httpGet: \{ path: \{\{ [^}]+ \}\}, port: 3000 \}/g)).toHaveLength(2);
    expect(deployments).toContain('replicas: {{ if eq $service "relay" }}1{{ else }}');
    for (const [service, settings] of Object.entries(values.services)) {
      expect(Number.isInteger(settings.replicas), `replicas of ${service}`).toBe(true);
      expect(typeof settings.probes, `probes of ${service}`).toBe('boolean');
    }
  });

  it('names a variable or service the code does not know', () => {
    const drifted = readCompose(
      [
        'x: &env { STRATA_MODE: distributed, STRATA_REDIS_ULR: "redis://redis" }',
        'services:',
        '  redis: { image: redis, environment: { REDIS_ARGS: x } }',
        '  api: { environment: { <<: *env, STRATA_SERVICE: api } }',
        '  search: { environment: { STRATA_SERVICE: search } }',
      ].join('\n'),
      'compose.test.yml',
    );
    expect(driftProblems(drifted)).toEqual([
      'compose.test.yml runs service "search" but services/search/src/main.ts does not exist',
      'compose.test.yml sets STRATA_REDIS_ULR, which the config schema (packages/config/src/index.ts) does not read',
    ]);
    expect(templateVariables('          env:\n            - name: STRATA_BOGUS\n              value: x\n')).toEqual(['STRATA_BOGUS']);
  });
});
