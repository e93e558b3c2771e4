import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * The multi-process topology on one machine: every service a separate OS process, sharing
 * the SQLite engines (WAL lets processes read and write them together) with Redis pub/sub
 * and RabbitMQ jobs for real. A supervisor restarts a process that dies, as an orchestrator
 * would, and the restarted service resumes from its checkpoint.
 */
export interface TopologyProcess {
  name: string;
  service: 'gateway' | 'api' | 'inbox' | 'streaming' | 'projector' | 'delivery';
  port: number;
}

export interface TopologyOptions {
  /** The gateway's port; the other processes take the ports after it. */
  port: number;
  host: string;
  /** Environment shared by every process (data folder, domain, engines). */
  env: Record<string, string | undefined>;
  replicas?: { api?: number; streaming?: number };
  say?: (line: string) => void;
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export function planTopology(port: number, replicas: TopologyOptions['replicas'] = {}): TopologyProcess[] {
  const plan: TopologyProcess[] = [{ name: 'gateway', service: 'gateway', port }];
  let next = port + 1;
  const add = (service: TopologyProcess['service'], count: number) => {
    for (let i = 1; i <= count; i++) plan.push({ name: count > 1 ? `${service}-${i}` : service, service, port: next++ });
  };
  add('api', replicas.api ?? 2);
  add('inbox', 1);
  add('streaming', replicas.streaming ?? 2);
  add('projector', 1);
  add('delivery', 1);
  return plan;
}

export function startTopology(options: TopologyOptions) {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const plan = planTopology(options.port, options.replicas);
  const urls = (service: TopologyProcess['service']) =>
    plan.filter((p) => p.service === service).map((p) => `http://127.0.0.1:${p.port}`).join(',');
  const shared = {
    ...options.env,
    // the embedded engines, except the two ports that carry work between processes
    STRATA_MODE: 'embedded',
    STRATA_EVENT_STORE: 'sqlite',
    STRATA_EVENT_LOG: 'embedded',
    STRATA_READ_MODELS: 'sqlite',
    STRATA_PUBSUB: 'redis',
    STRATA_JOB_QUEUE: 'rabbitmq',
    STRATA_API_URL: urls('api'),
    STRATA_INBOX_URL: urls('inbox'),
    STRATA_STREAMING_URL: urls('streaming'),
  };
  const running = new Map<string, ChildProcess>();
  let stopping = false;

  const launch = (process_: TopologyProcess) => {
    const host = process_.service === 'gateway' ? options.host : '127.0.0.1';
    const child = spawn(process.execPath, [`services/${process_.service}/src/main.ts`], {
      cwd: repoRoot,
      env: { ...process.env, ...shared, PORT: String(process_.port), STRATA_HOST: host },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    running.set(process_.name, child);
    say(`topology: ${process_.name} pid ${child.pid} port ${process_.port}`);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`topology: ${process_.name} exited (${signal ?? code}); restarting`);
      setTimeout(() => !stopping && launch(process_), 300);
    });
  };
  for (const process_ of plan) launch(process_);

  return {
    plan,
    pidOf: (name: string) => running.get(name)?.pid,
    async stop() {
      stopping = true;
      const children = [...running.values()].filter((child) => child.exitCode === null && child.signalCode === null);
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => once(child, 'exit')));
    },
  };
}
