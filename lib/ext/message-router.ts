import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import type { z } from 'zod';
import { CONTENT_SCRIPT_MESSAGES, Envelope, MESSAGES } from '../contract/messages.ts';
import type { MessageName, MessageOutput, Reply } from '../contract/messages.ts';
import { countMessage } from './message-tally.ts';
import { identifyCaller } from './senders.ts';
import type { Caller } from './senders.ts';

type ParsedInput<N extends MessageName> = z.output<(typeof MESSAGES)[N]['input']>;

export type MessageHandlers = {
  [N in MessageName]: (input: ParsedInput<N>, caller: Caller) => Promise<MessageOutput<N>>;
};

const isMessageName = (name: string): name is MessageName => Object.hasOwn(MESSAGES, name);

/** Checks the sender, parses the input, runs the handler and checks its own answer against the contract. */
export async function routeMessage(
  handlers: MessageHandlers,
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Reply> {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success || !isMessageName(envelope.data.name)) {
    countMessage('refused', 'unknown message');
    return { ok: false, error: 'Unknown message.' };
  }
  const name = envelope.data.name;
  const caller = identifyCaller(sender);
  const allowed =
    caller?.kind === 'content-script' ? CONTENT_SCRIPT_MESSAGES.includes(name) : caller?.kind === 'extension-page';
  if (!caller || !allowed) {
    countMessage('refused', `${name} from ${caller?.kind ?? 'an unknown sender'}`);
    return { ok: false, error: `"${name}" is not accepted from this sender.` };
  }
  const input = MESSAGES[name].input.safeParse(envelope.data.input);
  if (!input.success) {
    countMessage('refused', `${name} with an invalid input`);
    return { ok: false, error: `"${name}" has an invalid input.` };
  }
  const handler = handlers[name] as (input: unknown, caller: Caller) => Promise<unknown>;
  try {
    const output = MESSAGES[name].output.parse(await handler(input.data, caller));
    countMessage('served', `${name} from ${caller.kind}`);
    return { ok: true, output };
  } catch (error) {
    countMessage('failed', name);
    throw error;
  }
}

/** Registers the router; replies go through `sendResponse`, which every browser honours for async answers. */
export function listenForMessages(handlers: MessageHandlers): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    routeMessage(handlers, message, sender).then(sendResponse, (error: unknown) => {
      console.error('[sidelight] message handler failed', error);
      sendResponse({ ok: false, error: 'The extension failed to handle this request.' } satisfies Reply);
    });
    return true;
  });
}
