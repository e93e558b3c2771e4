import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ReferenceServer {
  url: string;
  child: ChildProcess;
  /** Resident memory of the server's process, from /proc (Linux). */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts one of the reference servers (the limits each figure is measured against) in
 * its own process and waits until it prints the port it listens on.
 */
export async function startReference(name: 'express-hello' | 'ws-broadcast'): Promise<ReferenceServer> {
  const entry = fileURLToPath(new URL(`../reference/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [entry], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    rssBytes: () => processRss(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill();
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function processRss(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}
