import { Migration } from '@mikro-orm/migrations';

/**
 * Bounces: a hard bounce puts the address on the suppression list (reason BOUNCED); a
 * recipient is found from its message (the sender renders a campaign's message when it sends
 * it, and a bounce report names the message).
 */
export class Migration20261203160000MailBounces extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table mail_suppression
      drop constraint mail_suppression_reason_check,
      add constraint mail_suppression_reason_check check (reason in ('UNSUBSCRIBED', 'ADMIN', 'BOUNCED'));`);
    this.addSql(
      'create index mail_campaign_recipient_message_idx on mail_campaign_recipient (message_id) where message_id is not null;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index mail_campaign_recipient_message_idx;');
    this.addSql(`update mail_suppression set reason = 'ADMIN' where reason = 'BOUNCED';`);
    this.addSql(`alter table mail_suppression
      drop constraint mail_suppression_reason_check,
      add constraint mail_suppression_reason_check check (reason in ('UNSUBSCRIBED', 'ADMIN'));`);
  }
}
