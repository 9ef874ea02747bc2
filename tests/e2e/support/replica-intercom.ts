/** A conversation as the replica Intercom serves it (fields after Intercom's conversation and contact). */
export interface ReplicaConversation {
  id: string;
  subject: string;
  messages: string[];
  contact: { id: string; name: string; email: string };
  company: { id: string; name: string } | null;
}

export type Reply = { status: number; type: string; body: string } | null;

const json = (value: unknown): Reply => ({ status: 200, type: 'application/json', body: JSON.stringify(value) });

/** The replica Intercom's API (`/replica-api/intercom/...`); null for any other path. */
export function intercomApi(pathname: string, conversations: readonly ReplicaConversation[]): Reply {
  if (pathname === '/replica-api/intercom/conversations.json') {
    return json({ conversations: conversations.map(({ id, subject, contact }) => ({ id, subject, contact })) });
  }
  const conversationId = /^\/replica-api\/intercom\/conversations\/(\d+)\.json$/.exec(pathname)?.[1];
  const conversation = conversations.find((c) => c.id === conversationId);
  if (conversation) return json(conversation);
  const contactId = /^\/replica-api\/intercom\/contacts\/([0-9a-f]{24})\.json$/.exec(pathname)?.[1];
  const theirs = conversations.filter((c) => c.contact.id === contactId);
  if (theirs[0]) return json({ ...theirs[0].contact, conversations: theirs.map((c) => c.id) });
  return null;
}
