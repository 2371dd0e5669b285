/**
 * The Block Kit shapes this bot sends: a narrow subset of `@slack/types`, structurally compatible with
 * it (a unit test assigns them to Bolt's types), kept here so renderers and the limit checker share
 * one exact vocabulary.
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}

export type TextObject = PlainText | Mrkdwn;

export interface ConfirmDialog {
  title: PlainText;
  text: PlainText;
  confirm: PlainText;
  deny: PlainText;
  style?: 'primary' | 'danger';
}

export interface Button {
  type: 'button';
  action_id: string;
  text: PlainText;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
}

export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: Button[];
}

export interface HeaderBlock {
  type: 'header';
  block_id?: string;
  text: PlainText;
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export type Block = SectionBlock | ContextBlock | ActionsBlock | HeaderBlock | DividerBlock;

/** What `chat.postMessage` / `chat.update` receive: `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
