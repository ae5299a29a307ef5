// Sets NODE_ENV before graphql loads, so it must come first and on its own.
// eslint-disable-next-line no-restricted-imports
import './platform/node-env.js';
import 'reflect-metadata';
import { ensureDemoWorkspace, runProcess, startServer } from './app/index.js';

/** `node dist/main.js [--demo]`: configuration comes only from the environment. */
const { started: server, config } = await runProcess(startServer);
if (process.argv.includes('--demo')) {
  const login = await ensureDemoWorkspace(server.database.orm, config.dataDir, server.services);
  process.stdout.write(
    `\n  CRM is running at ${server.url}\n` +
      `  Demo login: ${login.email} / ${login.password} (workspace “${login.workspace}”)\n` +
      (config.mail.catcher
        ? `  Mail is caught, not sent (MAIL_CATCHER): read it at ${server.url}/dev/mail\n\n`
        : server.services.mail.serverConfigured
          ? `  Mail is sent through ${config.mail.smtpUrl?.replace(/\/\/[^@/]*@/, '//')}\n\n`
          : `  Mail is not sent: no mail server configured (set SMTP_URL); it waits in the outbox.\n\n`),
  );
}
