import { browser } from 'wxt/browser';
import type { MessageInput, MessageName, MessageOutput, Reply } from '../contract/messages.ts';

/**
 * Sends one typed message to the background and returns its answer. The background parses every input
 * and checks every sender (it is the trust boundary) and validates its own output; this side only types
 * the exchange, so it stays free of zod and the content script stays small.
 */
export async function ask<N extends MessageName>(name: N, input: MessageInput<N>): Promise<MessageOutput<N>> {
  const reply = (await browser.runtime.sendMessage({ name, input })) as Reply | undefined;
  if (!reply) throw new Error(`The extension's background did not answer "${name}".`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.output as MessageOutput<N>;
}
