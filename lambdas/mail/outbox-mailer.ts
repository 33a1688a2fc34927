import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeMime } from './compose-mime.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

/** Local stand-in for SES: each message becomes an .eml (the exact MIME) and an .html to open in a browser. */
export function createOutboxMailer(outboxDir: string, stamp: () => string): Mailer {
  return {
    async send(mail: OutgoingMail) {
      await mkdir(outboxDir, { recursive: true });
      const base = path.join(outboxDir, `${stamp()}-${slug(mail.to)}`);
      const eml = `${base}.eml`;
      const html = `${base}.html`;
      await writeFile(eml, await composeMime(mail));
      await writeFile(html, mail.html, 'utf8');
      return { id: eml, files: [html, eml] };
    },
  };
}

function slug(address: string): string {
  return address.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}
