import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@strata/testkit';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  from: string;
}

/**
 * A real SMTP server (smtp-server, the server half of nodemailer) inside the test: every
 * message is parsed with mailparser and kept, and a test waits for the one it expects.
 */
export async function startSmtpInbox() {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
          received.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', from: mail.from?.text ?? '' });
          for (const wake of waiters.splice(0)) wake();
          done();
        })
        .catch(done);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  /** The first message (not yet taken) to `to` whose subject contains `subject`; waits for it. */
  async function take(to: string, subject: string, timeoutMs = 20_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = received.findIndex((mail) => mail.to.includes(to) && mail.subject.includes(subject));
      if (index >= 0) return received.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no mail to ${to} about "${subject}"; have: ${received.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return {
    port,
    received,
    take,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text to a path starting with `path`. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const link = mail.text.split(/\s+/).find((word) => /^https?:\/\//.test(word) && new URL(word).pathname.startsWith(path));
  if (!link) throw new Error(`no link to ${path} in:\n${mail.text}`);
  return link;
}
