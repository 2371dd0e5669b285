/**
 * Who may make a change. The use cases ask; the Slack adapter answers from its user and usergroup
 * settings (src/bot/authorize.ts).
 */
export interface Authorizer {
  isAuthorized(userId: string): Promise<boolean>;
  /** How to describe who may act, for a refusal. */
  describe(): string;
}
